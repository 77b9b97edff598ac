import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { scryptHashSchema } from './passwords.ts';
import { roleSchema, userNameSchema } from '../../contract/auth.ts';

// The local accounts. The file (USERS_PATH, default data/users.json, git-ignored) is written atomically:
// a temp file in the same folder with mode 0600, fsync, then rename over the old one; readers never see half a
// file. The server checks the file's identity on every look-up (one stat) and re-reads it when the CLI changed it.

// A token's id is the first 12 hex digits of its SHA-256 (nothing to learn from it: the token has 256 random
// bits). name, expires and last_used are optional so files written before they existed still load; a token
// without `expires` expires TOKEN_EXPIRY_DAYS after `created`.
const tokenSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    created: z.string(),
    name: z.string().min(1).max(64).optional(),
    expires: z.string().optional(),
    last_used: z.string().optional(),
  })
  .strict();
export type StoredToken = z.infer<typeof tokenSchema>;
export const userSchema = z
  .object({
    name: userNameSchema,
    role: roleSchema,
    /** null: no password (the first-run admin, or a token-only script user); sign-in by password is refused. */
    password: scryptHashSchema.nullable(),
    tokens: z.array(tokenSchema),
    created: z.string(),
    updated: z.string(),
    /** Sessions that started before this time are ended (a password set from the CLI, which cannot reach the
     *  server's in-memory sessions: the server re-reads the file and compares). */
    sessions_valid_after: z.string().optional(),
  })
  .strict();
export type User = z.infer<typeof userSchema>;
const usersFileSchema = z.object({ version: z.literal(1), users: z.array(userSchema) }).strict();

export interface UserStore {
  all(): User[];
  get(name: string): User | undefined;
  /** Adds or replaces the user of that name. */
  put(user: User): void;
  remove(name: string): boolean;
}

/** Users with the same name in another case are the same user (names are compared case-insensitively). */
const key = (name: string): string => name.toLowerCase();

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A new bearer token: 256 random bits; only its SHA-256 is kept. */
export function newToken(): string {
  return `sjcd_${randomBytes(32).toString('base64url')}`;
}

export function findUserByToken(store: UserStore, token: string): { user: User; token: StoredToken } | undefined {
  // The token is hashed before the look-up, so comparing hashes leaks nothing useful through timing.
  const hash = sha256Hex(token);
  for (const user of store.all()) {
    const found = user.tokens.find((t) => t.sha256 === hash);
    if (found) return { user, token: found };
  }
  return undefined;
}

export const tokenId = (token: StoredToken): string => token.sha256.slice(0, 12);
export const tokenName = (token: StoredToken, index: number): string => token.name ?? `token-${index + 1}`;
/** When a token stops working: its own `expires`, else `days` after it was issued. */
export function tokenExpires(token: StoredToken, days: number): string {
  return token.expires ?? new Date(Date.parse(token.created) + days * 86_400_000).toISOString();
}

/** A new token record (only the hash of the token is kept). */
export function tokenRecord(token: string, name: string, now: Date, days: number): StoredToken {
  return { sha256: sha256Hex(token), name, created: now.toISOString(), expires: new Date(now.getTime() + days * 86_400_000).toISOString() };
}

/** The token of this user whose name or id is `which` (names first), or undefined. */
export function findToken(user: User, which: string): StoredToken | undefined {
  return user.tokens.find((t, i) => tokenName(t, i) === which) ?? user.tokens.find((t) => tokenId(t) === which.toLowerCase());
}

export interface TokenSummary {
  id: string;
  name: string;
  created: string;
  expires: string;
  last_used: string | null;
  expired: boolean;
}

export function summariseTokens(user: User, days: number, now: number): TokenSummary[] {
  return user.tokens.map((t, i) => {
    const expires = tokenExpires(t, days);
    return { id: tokenId(t), name: tokenName(t, i), created: t.created, expires, last_used: t.last_used ?? null, expired: Date.parse(expires) <= now };
  });
}

export class MemoryUserStore implements UserStore {
  protected users = new Map<string, User>();
  constructor(users: User[] = []) {
    for (const user of users) this.users.set(key(user.name), user);
  }
  all(): User[] {
    return [...this.users.values()];
  }
  get(name: string): User | undefined {
    return this.users.get(key(name));
  }
  put(user: User): void {
    this.users.set(key(user.name), userSchema.parse(user));
  }
  remove(name: string): boolean {
    return this.users.delete(key(name));
  }
}

export class UsersFileError extends Error {}

export class FileUserStore implements UserStore {
  private cache: { stamp: string; users: Map<string, User> } | null = null;
  constructor(readonly path: string) {}

  private stamp(): string {
    try {
      const s = statSync(this.path, { bigint: true });
      return `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      return 'missing';
    }
  }

  private load(): Map<string, User> {
    const stamp = this.stamp();
    if (this.cache?.stamp === stamp) return this.cache.users;
    const users = new Map<string, User>();
    if (stamp !== 'missing') {
      let parsed: z.infer<typeof usersFileSchema>;
      try {
        parsed = usersFileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')));
      } catch (error) {
        const reason = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (error as Error).message;
        throw new UsersFileError(`the users file ${this.path} is not valid: ${reason}`);
      }
      for (const user of parsed.users) users.set(key(user.name), user);
    }
    this.cache = { stamp, users };
    return users;
  }

  private save(users: Map<string, User>): void {
    const body = `${JSON.stringify({ version: 1, users: [...users.values()] }, null, 2)}\n`;
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, body);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temp, this.path);
    this.cache = null;
  }

  all(): User[] {
    return [...this.load().values()];
  }
  get(name: string): User | undefined {
    return this.load().get(key(name));
  }
  put(user: User): void {
    const users = new Map(this.load());
    users.set(key(user.name), userSchema.parse(user));
    this.save(users);
  }
  remove(name: string): boolean {
    const users = new Map(this.load());
    if (!users.delete(key(name))) return false;
    this.save(users);
    return true;
  }
}

export function newUser(name: string, role: User['role'], now = new Date()): User {
  return { name, role, password: null, tokens: [], created: now.toISOString(), updated: now.toISOString() };
}
