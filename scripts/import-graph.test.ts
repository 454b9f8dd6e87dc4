/**
 * The house rules of docs/architecture.md, checked on every run: no import circle between folders
 * or between files; geometry primitives import nothing of the app; the pure cores (model, geo,
 * protocol, the server's domain) import no React, three, Cesium, express or socket.io.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesOf, fileGraph, folderGraph, ROOT } from './import-graph.ts';

describe('imports', () => {
  it('no circle between folders', () => {
    expect(cyclesOf(folderGraph())).toEqual([]);
  });

  it('no circle between files', () => {
    expect(cyclesOf(fileGraph())).toEqual([]);
  });

  it('the checker finds a circle when there is one', () => {
    const g = new Map([
      ['a', new Map([['b', []]])],
      ['b', new Map([['c', []]])],
      ['c', new Map([['a', []]])],
      ['d', new Map([['a', []]])],
    ]);
    expect(cyclesOf(g)).toEqual([['a', 'b', 'c']]);
  });

  it('geometry primitives (src/geo/primitives) import nothing of the app', () => {
    const edges = folderGraph().get('src/geo/primitives');
    expect([...(edges?.keys() ?? [])]).toEqual([]);
  });

  it('the pure cores import no React, three, Cesium, express or socket.io', () => {
    const pure = /^(src\/(model|geo|protocol)(\/|$)|server\/domain)/;
    const banned = /^\s*import[^;]*?from\s+['"](react|react-dom|three|@react-three\/[^'"]+|cesium|express|socket\.io|socket\.io-client)['"]/m;
    const offenders = [...fileGraph().keys()].filter((f) => pure.test(f) && banned.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
