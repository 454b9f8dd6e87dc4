/**
 * The examples in docs/ that show what a command prints are run, and what the doc prints must be
 * what the command prints now (a "…" in the doc stands for output left out), so a doc cannot drift
 * from the code. An example is a shell block's `echo '<json>' | bin/parktwin <command> -` followed by
 * its output as `# ` comment lines, or `bin/parktwin <command> <files of the repository>` followed by
 * what it prints (stderr, then stdout), run in the repository's root.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './import-graph.ts';

const BIN = path.join(ROOT, 'bin/parktwin');

interface Example {
  file: string;
  line: number;
  args: string[];
  /** What is piped in; null: nothing (a command on the repository's files, run in its root). */
  input: string | null;
  printed: string;
}

/** The examples of a markdown file. */
function examplesOf(file: string, text: string): Example[] {
  const out: Example[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // a command on files of the repository: `bin/parktwin import examples/… --out x` and its printed lines
    const direct = lines[i].match(/^bin\/parktwin (\S.*)$/);
    if (direct) {
      const printed: string[] = [];
      for (let k = i + 1; k < lines.length && lines[k].startsWith('# '); k++) printed.push(lines[k].slice(2).trim());
      if (printed.length) out.push({ file, line: i + 1, args: direct[1].trim().split(/\s+/), input: null, printed: printed.join('') });
      continue;
    }
    const start = lines[i].match(/^echo '(.*)$/);
    if (!start) continue;
    // the echoed text runs until the line that closes it and pipes it to the CLI
    let body = start[1];
    let j = i;
    let pipe: RegExpMatchArray | null = body.match(/^(.*)' \| bin\/parktwin (.+) -$/);
    while (!pipe && j + 1 < lines.length) {
      j++;
      body += `\n${lines[j]}`;
      pipe = lines[j].match(/' \| bin\/parktwin (.+) -$/) ? body.match(/^([\s\S]*)' \| bin\/parktwin (.+) -$/) : null;
    }
    if (!pipe) continue;
    const printed: string[] = [];
    for (let k = j + 1; k < lines.length && lines[k].startsWith('# '); k++) printed.push(lines[k].slice(2).trim());
    if (printed.length) out.push({ file, line: i + 1, args: [...pipe[2].split(' '), '-'], input: pipe[1], printed: printed.join('') });
    i = j;
  }
  return out;
}

/** Printed lines joined as the doc's `# ` lines are (each trimmed, no line breaks). */
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .join('');

const docs = readdirSync(path.join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .flatMap((f) => examplesOf(`docs/${f}`, readFileSync(path.join(ROOT, 'docs', f), 'utf8')));

describe('the examples in docs/', () => {
  it('finds the examples (the hazard models of docs/hazards.md among them)', () => {
    expect(docs.filter((e) => e.file === 'docs/hazards.md').length).toBeGreaterThanOrEqual(2);
  });

  it.each(docs.map((e) => [`${e.file}:${e.line}`, e] as const))('%s prints what the doc says', async (_name, e) => {
    // a file the example writes goes to a temporary place, not into the repository
    const args = e.args.map((a, i) => (e.args[i - 1] === '--out' ? path.join(tmpdir(), `parktwin-doc-${process.pid}-${path.basename(a)}`) : a));
    const child = promisify(execFile)(BIN, args, { cwd: ROOT, env: { ...process.env, PARKTWIN_SOURCE: '1' } });
    child.child.stdin!.end(e.input ?? '');
    let stdout: string;
    try {
      const r = await child;
      stdout = e.input === null ? lines(r.stderr + r.stdout) : r.stdout;
    } catch (err) {
      // an example may show a command that exits 1 (an invalid layout): what it printed still counts
      const x = err as { stdout?: string; stderr?: string };
      if (e.input !== null || x.stderr === undefined) throw err;
      stdout = lines(x.stderr + (x.stdout ?? ''));
    }
    // each stretch of the doc's output between the "…" is in the command's output, in order
    let from = 0;
    for (const part of e.printed.split('…').map((p) => p.replace(/,\s*$/, '').replace(/^\s*,?\s*/, ''))) {
      if (!part) continue;
      const at = stdout.indexOf(part, from);
      expect(at, `"${part}" is not in what the command prints:\n${stdout}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
  });
});
