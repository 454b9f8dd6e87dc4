#!/usr/bin/env node
// `npm test`: type-check, lint, then the whole vitest suite (unit, integration, browser); the type-check
// and the lint count as one test each. It ends with "N skipped" (when any were) and then one plain
// closing line "N passed, N failed" for the whole run. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const report = path.join(root, 'test-artifacts', 'vitest.json');
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;

const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', root], { stdio: 'inherit', cwd: root });
if (tsc.status === 0) passed++;
else {
  failed++;
  console.error('typecheck: FAILED');
}

// lint and format (Biome, biome.json): a finding fails the run like a failing test
const lint = spawnSync(bin('biome'), ['check', '--reporter=summary', root], { stdio: 'inherit', cwd: root });
if (lint.status === 0) passed++;
else {
  failed++;
  console.error('lint: FAILED (npm run lint shows where; npm run format fixes the formatting)');
}

const args = process.argv.slice(2);
const vitest = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
  stdio: 'inherit',
  cwd: root,
});
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // a test file that failed to load has no tests but must count as a failure
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} catch {
  failed++;
  console.error('vitest: no report (the run crashed)');
}
if (vitest.status !== 0 && failed === 0) failed++;
if (skipped) console.log(`\n${skipped} skipped`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
