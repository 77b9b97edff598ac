import { z } from 'zod';

// Roles from least to most access; each role may do everything the roles before it may.
export const roles = ['viewer', 'commissioner', 'analyst', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(minimum);
}

/** Local user names: letters, digits and . _ @ - (an e-mail address fits), up to 64 characters. */
export const userNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'a user name is 1–64 letters, digits or . _ @ -, starting with a letter or digit');

export const PASSWORD_MIN_LENGTH = 12;
/** At least 12 characters (NCSC / NIST SP 800-63B length over composition rules); bounded so hashing stays cheap. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `the password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(1024, 'the password must be at most 1024 characters');
