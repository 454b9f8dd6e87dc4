/**
 * Start-up from the build against start-up from source (tsx), in the same run: `bin/parktwin --help`,
 * `bin/parktwin validate` on the demo park, and the server from its start to its health check
 * answering (the demo park, the simulator on). Each is the median of several runs, wall clock.
 * `npm run bench -- startup` (builds dist-node/ first).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/__test__/services.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync('node', [path.join(root, 'scripts/build-node.mjs')], { stdio: 'inherit' });
const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeCli(args: string[], source: boolean): number {
  const t0 = performance.now();
  execFileSync(path.join(root, 'bin/parktwin'), args, { env: { ...process.env, PARKTWIN_SOURCE: source ? '1' : '' }, stdio: 'ignore' });
  return performance.now() - t0;
}

async function timeServer(source: boolean): Promise<number> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-startup-'));
  const t0 = performance.now();
  const child = source
    ? spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/main.ts'], {
        cwd: root,
        env: { ...process.env, PORT: String(port), PARKTWIN_DB: path.join(dir, 'e.db') },
        stdio: 'ignore',
      })
    : spawn('node', ['dist-node/main.mjs'], { cwd: root, env: { ...process.env, PORT: String(port), PARKTWIN_DB: path.join(dir, 'e.db') }, stdio: 'ignore' });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const rows: { what: string; built_ms: number; source_ms: number }[] = [];
for (const [what, args] of [
  ['parktwin --help', ['--help']],
  ['parktwin validate demo', ['validate', 'public/parks/demo.geojson']],
] as const) {
  const built = Array.from({ length: RUNS }, () => timeCli([...args], false));
  const source = Array.from({ length: RUNS }, () => timeCli([...args], true));
  rows.push({ what, built_ms: median(built), source_ms: median(source) });
}
const sBuilt: number[] = [];
const sSource: number[] = [];
for (let i = 0; i < Math.min(RUNS, 5); i++) {
  sBuilt.push(await timeServer(false));
  sSource.push(await timeServer(true));
}
rows.push({ what: 'server start → health', built_ms: median(sBuilt), source_ms: median(sSource) });

process.stdout.write('what                      built (ms)   from source (ms)   ratio\n');
for (const r of rows)
  process.stdout.write(
    `${r.what.padEnd(26)}${r.built_ms.toFixed(0).padStart(10)}${r.source_ms.toFixed(0).padStart(19)}${(r.source_ms / r.built_ms).toFixed(1).padStart(8)}×\n`,
  );
process.stdout.write(
  `${JSON.stringify({ bench: 'startup', runs: RUNS, rows: rows.map((r) => ({ ...r, built_ms: Math.round(r.built_ms), source_ms: Math.round(r.source_ms), ratio: Math.round((r.source_ms / r.built_ms) * 10) / 10 })) })}\n`,
);
