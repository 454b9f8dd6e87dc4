/**
 * Builds the server and the CLI to JavaScript (esbuild), so that `npm start` and `bin/parktwin` start
 * without compiling TypeScript: dist-node/main.mjs (the server) and dist-node/cli.mjs (the CLI, with dist-node/replayWorker.mjs, the reading half of its replay),
 * ES modules for Node 20, the npm packages left as imports, shared code in chunks. The tests run
 * from source (PARKTWIN_SOURCE=1).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-node');
rmSync(outdir, { recursive: true, force: true });
const t0 = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: { main: 'server/main.ts', cli: 'bin/cli.ts', usage: 'bin/usage.ts', replayWorker: 'bin/replayWorker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});
process.stdout.write(`parktwin: server and CLI built to dist-node/ in ${Math.round(performance.now() - t0)} ms\n`);
