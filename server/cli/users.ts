import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AuditLog, type AuditEntry } from '../auth/audit.ts';
import { DEFAULT_SCRYPT_COST, hashPassword } from '../auth/passwords.ts';
import { passwordSchema, roleSchema, roles, userNameSchema } from '../../contract/auth.ts';
import { findToken, FileUserStore, newToken, type User, newUser, summariseTokens, tokenId, tokenName, tokenRecord } from '../auth/users-store.ts';
import { loadConfig } from '../config.ts';
import { printTable, runCli, UsageError } from './cli-support.ts';

// `npm run users -- <command>`: local accounts in USERS_PATH (default data/users.json). The running server
// re-reads the file, so changes apply without a restart. Every change is written to the audit log.

const USAGE = [
  'usage: npm run users -- add <name> --role <viewer|commissioner|analyst|admin> [--password-stdin | --no-password]',
  '       npm run users -- role <name> --role <role>',
  '       npm run users -- password <name> [--password-stdin]',
  '       npm run users -- token <name> [--token-name <label>] [--days N]   prints a new bearer token once (only its SHA-256 is kept)',
  '       npm run users -- tokens <name>       lists the user\'s tokens: id, name, created, expires, last used',
  '       npm run users -- revoke <name> <token-name-or-id>',
  '       npm run users -- remove <name>',
  '       npm run users -- list',
].join('\n');

const usage = (message: string) => new UsageError(`${message.split('\n')[0] ?? message}\n${USAGE}`);

function parse() {
  try {
    return parseArgs({
      options: {
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'no-password': { type: 'boolean' },
        'token-name': { type: 'string' },
        days: { type: 'string' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw usage('there is no terminal to ask for a password: pipe it in with --password-stdin');
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function askPassword(fromStdin: boolean): Promise<string> {
  const password = fromStdin ? await readStdin() : await promptHidden('password (at least 12 characters): ');
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new UsageError(checked.error.issues[0]?.message ?? 'invalid password');
  if (!fromStdin && (await promptHidden('same password again: ')) !== password) throw new UsageError('the two passwords differ');
  return password;
}

function parseName(value: string | undefined): string {
  if (value === undefined) throw usage('a user name is required');
  const parsed = userNameSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'invalid user name');
  return parsed.data;
}

function parseRole(value: string | undefined) {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success) throw usage(`--role must be one of ${roles.join(', ')}`);
  return parsed.data;
}

type Options = ReturnType<typeof parse>['values'];

/** What every command works with: the parsed command line, the users file and the audit log. */
interface CommandContext {
  values: Options;
  nameArg: string | undefined;
  extra: string[];
  config: ReturnType<typeof loadConfig>;
  store: FileUserStore;
  record: (entry: Omit<AuditEntry, 'user' | 'role'>) => void;
  now: () => string;
  existing: (name: string) => User;
}

function commandContext(values: Options, nameArg: string | undefined, extra: string[]): CommandContext {
  const config = loadConfig();
  const store = new FileUserStore(config.USERS_PATH);
  const log = new AuditLog(config.AUDIT_LOG_PATH);
  const actor = `cli:${userInfo().username}`;
  return {
    values,
    nameArg,
    extra,
    config,
    store,
    record: (entry) => log.write({ user: actor, role: null, ...entry }),
    now: () => new Date().toISOString(),
    existing: (name) => {
      const user = store.get(name);
      if (!user) throw new UsageError(`there is no user ${name} in ${config.USERS_PATH} (npm run users -- list)`);
      return user;
    },
  };
}

async function addUser({ values, nameArg, store, record }: CommandContext): Promise<void> {
  const name = parseName(nameArg);
  const role = parseRole(values.role);
  if (store.get(name)) throw new UsageError(`user ${name} already exists: use \`role\` or \`password\` to change it`);
  if (values['no-password'] && values['password-stdin']) throw usage('--no-password and --password-stdin exclude each other');
  const password = values['no-password'] ? null : await hashPassword(await askPassword(values['password-stdin'] ?? false), DEFAULT_SCRYPT_COST);
  store.put({ ...newUser(name, role), password });
  record({ action: 'user-add', outcome: 'success', params: { name, role, password_set: password !== null } });
  console.log(`added ${name} (${role})${password ? '' : ' without a password: use `token` for scripts, or set one later'}`);
}

function changeRole({ values, nameArg, store, record, now, existing }: CommandContext): void {
  const user = existing(parseName(nameArg));
  const role = parseRole(values.role);
  store.put({ ...user, role, updated: now() });
  record({ action: 'user-role', outcome: 'success', params: { name: user.name, role, previous_role: user.role } });
  console.log(`${user.name} is now ${role}`);
}

async function setPassword({ values, nameArg, store, record, now, existing }: CommandContext): Promise<void> {
  const user = existing(parseName(nameArg));
  const password = await hashPassword(await askPassword(values['password-stdin'] ?? false), DEFAULT_SCRYPT_COST);
  // The server re-reads the file and ends every session that started before this time.
  const at = now();
  store.put({ ...user, password, updated: at, sessions_valid_after: at });
  record({ action: 'password-change', outcome: 'success', params: { name: user.name } });
  console.log(`password of ${user.name} changed; their sessions have ended`);
}

function issueToken({ values, nameArg, config, store, record, now, existing }: CommandContext): void {
  const user = existing(parseName(nameArg));
  const days = values.days === undefined ? config.TOKEN_EXPIRY_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw usage('--days must be a whole number from 1 to 3650');
  const label = values['token-name'] ?? `token-${user.tokens.length + 1}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(label)) throw usage('--token-name: letters, digits, spaces, dots, hyphens, underscores; at most 64');
  if (user.tokens.some((t, i) => tokenName(t, i) === label)) throw new UsageError(`${user.name} already has a token named ${label}: choose another --token-name`);
  const token = newToken();
  const issued = tokenRecord(token, label, new Date(), days);
  store.put({ ...user, tokens: [...user.tokens, issued], updated: now() });
  record({ action: 'user-token', outcome: 'success', params: { name: user.name, token_name: label, token_count: user.tokens.length + 1 } });
  console.error(`a new bearer token "${label}" for ${user.name} (${user.role}), valid until ${issued.expires ?? ''}; it is shown only this once:`);
  console.log(token);
}

function listTokens({ nameArg, config, existing }: CommandContext): void {
  const user = existing(parseName(nameArg));
  const tokens = summariseTokens(user, config.TOKEN_EXPIRY_DAYS, Date.now());
  if (tokens.length === 0) return void console.log(`${user.name} has no bearer tokens`);
  printTable(tokens.map((t) => ({ id: t.id, name: t.name, created: t.created, expires: t.expired ? `${t.expires} (expired)` : t.expires, last_used: t.last_used ?? 'never' })));
}

function revokeToken({ nameArg, extra, store, record, now, existing }: CommandContext): void {
  const user = existing(parseName(nameArg));
  const which = extra[0];
  if (which === undefined) throw usage('revoke needs the token\'s name or id (npm run users -- tokens <name>)');
  const token = findToken(user, which);
  if (!token) throw new UsageError(`${user.name} has no token ${which} (npm run users -- tokens ${user.name})`);
  store.put({ ...user, tokens: user.tokens.filter((t) => t !== token), updated: now() });
  record({ action: 'user-token', outcome: 'success', params: { name: user.name, revoked: tokenId(token), token_count: user.tokens.length - 1 } });
  console.log(`revoked token ${tokenId(token)} of ${user.name}`);
}

function removeUser({ nameArg, store, record, existing }: CommandContext): void {
  const user = existing(parseName(nameArg));
  store.remove(user.name);
  record({ action: 'user-remove', outcome: 'success', params: { name: user.name, role: user.role } });
  console.log(`removed ${user.name}`);
}

function listUsers({ nameArg, config, store }: CommandContext): void {
  if (nameArg !== undefined) throw usage('list takes no name');
  const users = store.all();
  if (users.length === 0) return void console.log(`no users in ${config.USERS_PATH}: npm start prints a one-time admin sign-in link`);
  printTable(users.map((u) => ({ name: u.name, role: u.role, password: u.password ? 'yes' : 'no', tokens: u.tokens.length, updated: u.updated })));
}

const commands: Record<string, (context: CommandContext) => void | Promise<void>> = {
  add: addUser,
  role: changeRole,
  password: setPassword,
  token: issueToken,
  tokens: listTokens,
  revoke: revokeToken,
  remove: removeUser,
  list: listUsers,
};

await runCli(async () => {
  const { values, positionals } = parse();
  if (values.help) return void console.log(USAGE);
  const [command, nameArg, ...extra] = positionals;
  if (extra.length > (command === 'revoke' ? 1 : 0)) throw usage(`unexpected argument ${extra.at(-1) ?? ''}`);
  const run = command === undefined ? undefined : Object.hasOwn(commands, command) ? commands[command] : undefined;
  // The configuration is read before the command is known, as it always was (a bad USERS_PATH fails first).
  const context = commandContext(values, nameArg, extra);
  if (!run) throw usage(command === undefined ? 'a command is required' : `unknown command ${command}`);
  await run(context);
});
