import { z } from 'zod';
import { passwordSchema, roleSchema, userNameSchema } from './roles.ts';

// Request and response shapes of /api/auth/* and /api/admin/users (the web app mirrors them in web/src/auth-api.ts).

export const signInBodySchema = z.object({ name: z.string().trim().min(1).max(64), password: z.string().min(1).max(1024) }).strict();

export const sessionUserSchema = z.object({ name: z.string(), role: roleSchema }).strict();
export const meResponseSchema = z
  .object({
    user: sessionUserSchema.nullable(),
    /** The session's synchronizer token, to send as X-CSRF-Token on POST/PUT/PATCH/DELETE; null without a session. */
    csrf_token: z.string().nullable(),
    /** Whether the user has a password (the first-run admin has none until they set one). */
    has_password: z.boolean().optional(),
  })
  .strict();
export type MeResponse = z.infer<typeof meResponseSchema>;

export const passwordChangeBodySchema = z.object({ current_password: z.string().max(1024).optional(), new_password: passwordSchema }).strict();

export const userSummarySchema = z
  .object({ name: z.string(), role: roleSchema, has_password: z.boolean(), tokens: z.number().int(), created: z.string(), updated: z.string() })
  .strict();
export const usersResponseSchema = z.object({ users: z.array(userSummarySchema) }).strict();
export type UsersResponse = z.infer<typeof usersResponseSchema>;

/** POST /api/admin/users: add a user, or change an existing user's role (and optionally set a password). */
export const userChangeBodySchema = z.object({ name: userNameSchema, role: roleSchema, password: passwordSchema.optional() }).strict();
export type UserChangeBody = z.infer<typeof userChangeBodySchema>;

export const tokenSummarySchema = z
  .object({ id: z.string(), name: z.string(), created: z.string(), expires: z.string(), last_used: z.string().nullable(), expired: z.boolean() })
  .strict();
/** GET /api/admin/users/:name/tokens: a user's bearer tokens (never their hashes). */
export const tokensResponseSchema = z.object({ name: z.string(), tokens: z.array(tokenSummarySchema) }).strict();
export type TokensResponse = z.infer<typeof tokensResponseSchema>;
