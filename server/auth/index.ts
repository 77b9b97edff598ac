import type { Config } from '../config.ts';
import { Auth } from './auth.ts';
import { FileUserStore } from './users-store.ts';

export { Auth, type Identity } from './auth.ts';
export { audit, AuditLog } from './audit.ts';
export { authRoutes } from './auth-routes.ts';
export { userRoutes } from './user-routes.ts';

export type AuthConfig = Pick<
  Config,
  'USERS_PATH' | 'AUDIT_LOG_PATH' | 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS' | 'LOCKOUT_ATTEMPTS' | 'LOCKOUT_MINUTES' | 'SIGN_IN_LIMIT_PER_15_MINUTES' | 'TOKEN_EXPIRY_DAYS'
>;

/** The server's auth: users from USERS_PATH (re-read when it changes), audit to AUDIT_LOG_PATH. */
export function authFromConfig(config: AuthConfig): Auth {
  return new Auth({
    users: new FileUserStore(config.USERS_PATH),
    auditPath: config.AUDIT_LOG_PATH,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
    lockoutAttempts: config.LOCKOUT_ATTEMPTS,
    lockoutMinutes: config.LOCKOUT_MINUTES,
    signInsPer15Minutes: config.SIGN_IN_LIMIT_PER_15_MINUTES,
    tokenDays: config.TOKEN_EXPIRY_DAYS,
  });
}
