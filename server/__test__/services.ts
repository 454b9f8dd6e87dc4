/**
 * Services of the test's own — Mosquitto, redis-server, PostgreSQL — each on a free loopback port,
 * with its data in a temporary directory, stopped and removed afterwards. Services already running
 * on the machine belong to nobody's test.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';

export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find((p) => existsSync(p));
/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<version>/bin). */
export const PG_BIN = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const v = readdirSync(root)
    .filter((d) => existsSync(path.join(root, d, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return v ? path.join(root, v, 'bin') : undefined;
})();

export interface Service {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeout_ms: number, what: string, proc: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + timeout_ms;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${what} exited with ${proc.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`${what} did not listen on ${port}: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function spawnLogged(cmd: string, args: string[], opts: { uid?: number; gid?: number } = {}): { proc: ChildProcess; log: () => string } {
  let out = '';
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  proc.stdout!.on('data', (d) => (out = (out + d).slice(-4000)));
  proc.stderr!.on('data', (d) => (out = (out + d).slice(-4000)));
  return { proc, log: () => out };
}

const stopProc = (proc: ChildProcess, signal: NodeJS.Signals, dir?: string) =>
  new Promise<void>((resolve) => {
    const done = () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (proc.exitCode !== null || proc.signalCode !== null) return done();
    const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => (clearTimeout(kill), done()));
    proc.kill(signal);
  });

export async function startMosquitto(): Promise<Service> {
  if (!MOSQUITTO) throw new Error('mosquitto is not installed (apt-get install mosquitto)');
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n`);
  const { proc, log } = spawnLogged(MOSQUITTO, ['-c', conf]);
  await waitForPort(port, 10_000, 'mosquitto', proc, log);
  return { url: `mqtt://127.0.0.1:${port}`, stop: () => stopProc(proc, 'SIGTERM', dir) };
}

export async function startRedis(): Promise<Service> {
  if (!REDIS_SERVER) throw new Error('redis-server is not installed (apt-get install redis-server)');
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-redis-'));
  const { proc, log } = spawnLogged(REDIS_SERVER, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'no',
  ]);
  await waitForPort(port, 10_000, 'redis-server', proc, log);
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopProc(proc, 'SIGTERM', dir) };
}

/**
 * A PostgreSQL cluster made with initdb in a temporary directory (durability off: it is thrown
 * away). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startPostgres(): Promise<Service> {
  if (!PG_BIN) throw new Error('PostgreSQL server binaries are not installed (apt-get install postgresql)');
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-pg-'));
  const data = path.join(dir, 'data');
  let ids: { uid?: number; gid?: number } = {};
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    ids = { uid, gid };
  }
  execFileSync(path.join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C'], {
    stdio: 'pipe',
    ...ids,
  });
  const { proc, log } = spawnLogged(
    path.join(PG_BIN, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    ids,
  );
  await waitForPort(port, 20_000, 'postgres', proc, log);
  // accepting connections once the port is open and the startup process is done
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync(path.join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { stdio: 'ignore' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop: () => stopProc(proc, 'SIGINT', dir) };
}

/**
 * A describe block with a PostgreSQL cluster of its own — started before its tests, stopped after —
 * skipped where PostgreSQL is not installed; `url()` is the cluster's address once started.
 */
export function withPostgres(name: string, body: (url: () => string) => void): void {
  describe.skipIf(!PG_BIN)(name, () => {
    let pg: Service | undefined;
    beforeAll(async () => {
      pg = await startPostgres();
    }, 60_000);
    afterAll(async () => {
      await pg?.stop();
    });
    body(() => pg!.url);
  });
}
