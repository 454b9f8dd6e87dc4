/**
 * The import graph between folders (`src/geo/compliance`, `server/domain` …), read from the source
 * (static imports, re-exports and `import()` with a relative path; type-only imports included: a
 * circle of types is still a circle for a reader). The code's imports are single statements at the
 * start of a line, which a regular expression reads reliably (TypeScript 7 has no JS parser API). Tests, benches and e2e are left out:
 * they may reach anywhere. `cyclesOf` returns the circles (strongly connected components of more
 * than one folder, or a folder importing itself through another). `npx tsx scripts/import-graph.ts`
 * prints the folder graph and its circles; scripts/import-graph.test.ts fails on any circle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE_ROOTS = ['src', 'server', 'bin'];
const SKIP = /(\.test\.tsx?$|__test__|__fixtures__|\.d\.ts$)/;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx)$/.test(name) && !SKIP.test(p)) yield p;
  }
}

/** Relative module specifiers a file imports (static, re-export, dynamic). */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const re of [
    /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/gm,
    /^\s*import\s+['"](\.[^'"]+)['"]/gm,
    /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g,
  ]) {
    for (const m of text.matchAll(re)) out.push(m[1]);
  }
  return out;
}

/** Folder of a file, relative to the repository (`src/geo/compliance`). */
export const folderOf = (file: string) => path.relative(ROOT, path.dirname(file)).split(path.sep).join('/');

export function folderGraph(): Map<string, Map<string, string[]>> {
  const g = new Map<string, Map<string, string[]>>();
  for (const r of SOURCE_ROOTS) {
    for (const file of sourceFiles(path.join(ROOT, r))) {
      const from = folderOf(file);
      if (!g.has(from)) g.set(from, new Map());
      for (const spec of importsOf(file)) {
        const target = path.resolve(path.dirname(file), spec);
        const to = folderOf(target);
        if (to === from || SKIP.test(target)) continue;
        const edges = g.get(from)!;
        edges.set(to, [...(edges.get(to) ?? []), `${path.relative(ROOT, file)} → ${spec}`]);
      }
    }
  }
  return g;
}

/** The import graph between files (repository-relative paths). */
export function fileGraph(): Map<string, Map<string, string[]>> {
  const g = new Map<string, Map<string, string[]>>();
  for (const r of SOURCE_ROOTS) {
    for (const file of sourceFiles(path.join(ROOT, r))) {
      const from = path.relative(ROOT, file).split(path.sep).join('/');
      const edges = new Map<string, string[]>();
      g.set(from, edges);
      for (const spec of importsOf(file)) {
        const to = path
          .relative(ROOT, path.resolve(path.dirname(file), spec))
          .split(path.sep)
          .join('/');
        if (!SKIP.test(to)) edges.set(to, [spec]);
      }
    }
  }
  return g;
}

/** Strongly connected components of more than one node (Tarjan): folders by default, or files. */
export function cyclesOf(g = folderGraph()): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const g = folderGraph();
  for (const [from, edges] of [...g].sort()) console.log(`${from} → ${[...edges.keys()].sort().join(', ') || '(nothing)'}`);
  const cycles = [...cyclesOf(g), ...cyclesOf(fileGraph())];
  console.log(cycles.length ? `\n${cycles.length} circle(s):` : '\nno circles');
  for (const c of cycles) {
    console.log(`  ${c.join(' ⇄ ')}`);
    if (c[0].includes('.')) continue; // files: the circle itself says it
    for (const a of c) for (const b of c) for (const e of g.get(a)?.get(b) ?? []) console.log(`    ${e}`);
  }
}
