/**
 * The real server as a child process (`node --import tsx server/main.ts`: one process, so SIGKILL
 * kills the server itself, not a wrapper), resolved once it prints its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT_DIR } from '../config.ts';

const procs = new Set<ChildProcess>();

export async function spawnServer(env: Record<string, string>): Promise<ChildProcess> {
  const p = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server/main.ts')], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.add(p);
  p.once('exit', () => procs.delete(p));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('open http://')) resolve();
    });
    p.stderr!.on('data', (d) => (out += d));
    p.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return p;
}

/** Kills every server still running (afterAll). */
export function killServers(): void {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
}

/** Stops a server with SIGTERM and waits for it to exit. */
export const stopServer = (p: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  });
