import * as z from 'zod/mini';

// Request and response shapes of /api/auth/* and /api/admin/users, and the roles they name.

/** Roles from least to most access; each role may do everything the roles before it may. */
export const roles = ['viewer', 'commissioner', 'analyst', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(minimum);
}

/** Local user names: letters, digits and . _ @ - (an e-mail address fits), up to 64 characters. */
export const userNameSchema = z
  .string()
  .check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'a user name is 1–64 letters, digits or . _ @ -, starting with a letter or digit'));

export const PASSWORD_MIN_LENGTH = 12;
/** At least 12 characters (NCSC / NIST SP 800-63B length over composition rules); bounded so hashing stays cheap. */
export const passwordSchema = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN_LENGTH, `the password must be at least ${PASSWORD_MIN_LENGTH} characters`),
    z.maxLength(1024, 'the password must be at most 1024 characters'),
  );

export const signInBodySchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

export const sessionUserSchema = z.strictObject({ name: z.string(), role: roleSchema });
export const meResponseSchema = z.strictObject({
  user: z.nullable(sessionUserSchema),
  /** The session's synchronizer token, to send as X-CSRF-Token on POST/PUT/PATCH/DELETE; null without a session. */
  csrf_token: z.nullable(z.string()),
  /** Whether the user has a password (the first-run admin has none until they set one). */
  has_password: z.optional(z.boolean()),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const passwordChangeBodySchema = z.strictObject({
  current_password: z.optional(z.string().check(z.maxLength(1024))),
  new_password: passwordSchema,
});

export const userSummarySchema = z.strictObject({
  name: z.string(),
  role: roleSchema,
  has_password: z.boolean(),
  tokens: z.int(),
  created: z.string(),
  updated: z.string(),
});
export const usersResponseSchema = z.strictObject({ users: z.array(userSummarySchema) });
export type UsersResponse = z.infer<typeof usersResponseSchema>;

/** POST /api/admin/users: add a user, or change an existing user's role (and optionally set a password). */
export const userChangeBodySchema = z.strictObject({ name: userNameSchema, role: roleSchema, password: z.optional(passwordSchema) });
export type UserChangeBody = z.infer<typeof userChangeBodySchema>;

export const tokenSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  created: z.string(),
  expires: z.string(),
  last_used: z.nullable(z.string()),
  expired: z.boolean(),
});
/** GET /api/admin/users/:name/tokens: a user's bearer tokens (never their hashes). */
export const tokensResponseSchema = z.strictObject({ name: z.string(), tokens: z.array(tokenSummarySchema) });
export type TokensResponse = z.infer<typeof tokensResponseSchema>;
