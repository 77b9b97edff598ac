import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

// scrypt (memory-hard) with its salt and cost parameters stored beside the hash, so the cost can be raised
// later and old hashes still verify. N=2^15, r=8 needs 32 MiB per hash (OWASP password storage cheat sheet).

export const scryptHashSchema = z
  .object({
    algorithm: z.literal('scrypt'),
    N: z.number().int().min(2).max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().min(16),
    hash: z.string().min(16),
  })
  .strict();
export type PasswordHash = z.infer<typeof scryptHashSchema>;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return { algorithm: 'scrypt', ...cost, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), stored);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const dummies = new Map<string, Promise<PasswordHash>>();
/** Hashes against a throw-away hash of the same cost, so an unknown user takes as long to refuse as a wrong password. */
export async function burnPasswordTime(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<void> {
  const key = `${cost.N}:${cost.r}:${cost.p}`;
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword(randomBytes(18).toString('base64url'), cost);
    dummies.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
}
