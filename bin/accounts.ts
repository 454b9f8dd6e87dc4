/**
 * `parktwin user …` and `parktwin token …`: maintain the users file (server/auth/usersFile.ts).
 * Passwords are read from the terminal without echo, or from stdin with --password-stdin (one line);
 * never from the command line, where `ps` and the shell history would keep them. A new token is printed
 * once on stdout and only its hash is kept. The file is rewritten whole (atomic rename, mode 0600); a
 * running server re-reads it, ends the sessions of people removed or changed, and audits the change.
 */
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { ROLES } from '../server/auth/legacy.ts';
import { hashPassword, hashToken, newToken } from '../server/auth/secrets.ts';
import { FileToken, FileUser, readUsersFile, SCOPES, type UsersFileError, UsersFileSchema, writeUsersFile, type UsersFile } from '../server/auth/usersFile.ts';

export interface AccountsIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Asks for a secret (no echo on a terminal) or reads one line of stdin. */
  readSecret(prompt: string, fromStdin: boolean): Promise<string>;
}

/** Exit 2 (usage) or 1 (refused) with a one-line reason. */
export class AccountsError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message);
  }
}

/** NIST SP 800-63B §5.1.1.2: memorised secrets at least 8 characters; we ask 10 of a control-room account. */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024; // verifyPassword refuses longer ones

const USAGE = `usage:
  parktwin user add <name> --role viewer|operator|trainer|admin [--enterprise ID]... [--password-stdin]
  parktwin user passwd <name> [--password-stdin]
  parktwin user role <name> --role R [--enterprise ID]... [--park]   change role / enterprise scope (--park: whole park)
  parktwin user disable|enable <name>
  parktwin user remove <name>
  parktwin user list
  parktwin token add <name> --scope ingest|read|operate|plan [--expires ISO-8601] [--enterprise ID]...
  parktwin token remove <name>
  parktwin token list
options:
  --file F        the users file (default: $PARKTWIN_USERS_FILE)
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  file: { type: 'string' },
  role: { type: 'string' },
  scope: { type: 'string' },
  expires: { type: 'string' },
  enterprise: { type: 'string', multiple: true },
  park: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
} as const;

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AccountsError(`${what}: ${r.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`, 1);
  return r.data;
}

async function newPassword(io: AccountsIo, name: string, fromStdin: boolean): Promise<string> {
  const pw = await io.readSecret(`password for ${name}: `, fromStdin);
  if (!fromStdin) {
    const again = await io.readSecret('again: ', false);
    if (again !== pw) throw new AccountsError('the two passwords differ; nothing changed', 1);
  }
  if ([...pw].length < MIN_PASSWORD_LENGTH) throw new AccountsError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters; nothing changed`, 1);
  if (pw.length > MAX_PASSWORD_LENGTH) throw new AccountsError(`a password may have at most ${MAX_PASSWORD_LENGTH} characters; nothing changed`, 1);
  return hashPassword(pw);
}

const where = (f: UsersFile, name: string) => ({ user: f.users.findIndex((u) => u.name === name), token: f.tokens.findIndex((t) => t.name === name) });

/** Runs `user …` or `token …`; returns the exit code. */
export async function accounts(kind: 'user' | 'token', args: string[], io: AccountsIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new AccountsError((e as Error).message, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return (io.stdout.write(USAGE), 0);
  const [verb, name, ...extra] = positionals;
  if (extra.length) throw new AccountsError(`unexpected argument ${extra[0]}`, 2);
  const file = values.file ?? env.PARKTWIN_USERS_FILE;
  if (!file) throw new AccountsError('which users file? give --file or set PARKTWIN_USERS_FILE', 2);
  if (verb !== 'list' && !name) throw new AccountsError(`${kind} ${verb ?? ''}: a name is required\n${USAGE}`, 2);

  let f: UsersFile;
  try {
    f = readUsersFile(file, true);
  } catch (e) {
    throw new AccountsError((e as UsersFileError).message, 1);
  }
  const at = name ? where(f, name) : { user: -1, token: -1 };
  const enterprises = values.enterprise?.length ? values.enterprise : undefined;
  const save = (next: UsersFile, said: string) => {
    check(UsersFileSchema, next, file); // never write a file the server would refuse
    try {
      writeUsersFile(file, next);
    } catch (e) {
      throw new AccountsError(`${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing changed`, 1);
    }
    io.stderr.write(`${said} (${file})\n`);
    return 0;
  };
  const needUser = () => {
    if (at.user < 0) throw new AccountsError(`no user "${name}" in ${file}`, 1);
    return f.users[at.user];
  };
  const needToken = () => {
    if (at.token < 0) throw new AccountsError(`no token "${name}" in ${file}`, 1);
    return f.tokens[at.token];
  };
  const replaceUser = (u: FileUser) => ({ ...f, users: f.users.map((x, i) => (i === at.user ? u : x)) });

  if (kind === 'user') {
    switch (verb) {
      case 'add': {
        if (at.user >= 0 || at.token >= 0) throw new AccountsError(`"${name}" exists already (users and tokens share one name space)`, 1);
        if (!values.role) throw new AccountsError(`user add: --role is required (${ROLES.join(', ')})`, 2);
        const draft = check(FileUser.omit({ password: true }), { name, role: values.role, enterprises }, `user ${name}`);
        const password = await newPassword(io, name, !!values['password-stdin']);
        return save(
          { ...f, users: [...f.users, { ...draft, password }] },
          `user ${name} added as ${draft.role}${enterprises ? ` of ${enterprises.join(', ')}` : ''}`,
        );
      }
      case 'passwd': {
        const u = needUser();
        const password = await newPassword(io, name, !!values['password-stdin']);
        return save(replaceUser({ ...u, password }), `password of ${name} changed; their sessions end`);
      }
      case 'role': {
        const u = needUser();
        if (!values.role) throw new AccountsError(`user role: --role is required (${ROLES.join(', ')})`, 2);
        const next = check(FileUser, { ...u, role: values.role, enterprises: values.park ? undefined : (enterprises ?? u.enterprises) }, `user ${name}`);
        return save(
          replaceUser(next),
          `user ${name} is now ${next.role}${next.enterprises ? ` of ${next.enterprises.join(', ')}` : ' of the whole park'}; their sessions end`,
        );
      }
      case 'disable':
      case 'enable': {
        const u = needUser();
        const { disabled: _, ...rest } = u;
        return save(replaceUser(verb === 'disable' ? { ...rest, disabled: true } : rest), `user ${name} ${verb}d`);
      }
      case 'remove':
        needUser();
        return save({ ...f, users: f.users.filter((_, i) => i !== at.user) }, `user ${name} removed; their sessions and sockets end`);
      case 'list':
        for (const u of f.users)
          io.stdout.write(JSON.stringify({ name: u.name, role: u.role, enterprises: u.enterprises ?? null, disabled: !!u.disabled }) + '\n');
        return 0;
    }
  } else {
    switch (verb) {
      case 'add': {
        if (at.user >= 0 || at.token >= 0) throw new AccountsError(`"${name}" exists already (users and tokens share one name space)`, 1);
        if (!values.scope) throw new AccountsError(`token add: --scope is required (${SCOPES.join(', ')})`, 2);
        const token = newToken();
        const t = check(FileToken, { name, scope: values.scope, hash: hashToken(token), expires: values.expires, enterprises }, `token ${name}`);
        if (t.expires && Date.parse(t.expires) <= Date.now()) throw new AccountsError(`token ${name}: expires ${t.expires} is in the past`, 1);
        save(
          { ...f, tokens: [...f.tokens, t] },
          `token ${name} added (${t.scope}${t.expires ? `, until ${t.expires}` : ''}); it is shown once, above: keep it now`,
        );
        io.stdout.write(token + '\n');
        return 0;
      }
      case 'remove':
        needToken();
        return save({ ...f, tokens: f.tokens.filter((_, i) => i !== at.token) }, `token ${name} removed; clients using it are refused from now`);
      case 'list':
        for (const t of f.tokens)
          io.stdout.write(JSON.stringify({ name: t.name, scope: t.scope, expires: t.expires ?? null, enterprises: t.enterprises ?? null }) + '\n');
        return 0;
    }
  }
  throw new AccountsError(`${kind}: unknown or missing subcommand "${verb ?? ''}"\n${USAGE}`, 2);
}

/** Reads a secret: without echo from a terminal, else one line of stdin. */
export function terminalSecret(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): AccountsIo['readSecret'] {
  let buffered: Promise<string[]> | undefined;
  return async (prompt, fromStdin) => {
    if (fromStdin || !input.isTTY) {
      buffered ??= (async () => {
        let text = '';
        for await (const chunk of input) text += chunk;
        return text.split(/\r?\n/);
      })();
      const lines = await buffered;
      return lines.shift() ?? '';
    }
    output.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    return new Promise<string>((resolve, reject) => {
      let s = '';
      const onData = (chunk: string) => {
        for (const c of chunk) {
          if (c === '\r' || c === '\n') {
            done();
            output.write('\n');
            return resolve(s);
          }
          if (c === '\u0003') {
            done();
            return reject(new AccountsError('cancelled; nothing changed', 1));
          }
          if (c === '\u007f' || c === '\b') s = s.slice(0, -1);
          else s += c;
        }
      };
      const done = () => {
        input.off('data', onData);
        input.setRawMode(false);
        input.pause();
      };
      input.on('data', onData);
    });
  };
}
