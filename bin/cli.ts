/**
 * The parktwin CLI: a thin shell over src/model, src/geo and src/generate.
 * Conventions: JSON results on stdout, human messages on stderr; exit 0 success, 1 invalid input,
 * 2 usage error or unreadable / non-JSON file. Never a stack trace for bad input.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { replayPositions, startReplayReader } from './replay.ts';
import { ControlError } from '../src/import/controlPoints.ts';
import { CrsError } from '../src/import/crs.ts';
import { ImportError, type ImportResult } from '../src/import/dxf.ts';
import type { ShpMapping } from '../src/import/shp.ts';
import { importFiles, isImportFormat, NOT_THE_FORMAT } from '../src/import/files.ts';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { generatePark } from '../src/generate/park.ts';
import { DistanceEngine } from '../src/geo/compliance/distances.ts';
import { checkLayout } from '../src/geo/compliance/layoutChecks.ts';
import { identifyMajorHazards } from '../src/geo/compliance/majorHazards.ts';
import { DEFAULT_RULE_SETS } from '../src/geo/compliance/ruleSets.ts';
import { parseRuleSet, RuleFileError, type LoadedRuleSet } from '../src/geo/compliance/rules.ts';
import { toCsv } from '../src/report/csv.ts';
import { HazardInputError, runHazard } from '../src/geo/hazards/index.ts';
import { ScenarioError } from '../src/geo/risk/emergency.ts';
import { runRisk, runScenario, ScenarioInputError } from '../src/geo/risk/scenarioIO.ts';
import { buildModel, countByKind, type ParkModel } from '../src/model/model.ts';
import { stringifyLayout } from '../src/model/serialize.ts';
import { LayoutFormatError, parseLayout, type LayoutIssue } from '../src/model/validate.ts';
import { accounts, AccountsError, terminalSecret, type AccountsIo } from './accounts.ts';
import { USAGE } from './usage.ts';
import { JsonFileError, readJsonFile as readJson } from '../server/jsonFile.ts';

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** How `user` asks for a password (default: the terminal without echo, or a line of stdin). */
  readSecret?: AccountsIo['readSecret'];
}

/** Bad command line or unreadable file: exit 2. */
export class UsageError extends Error {}

type Command = (args: string[], io: Io) => number | Promise<number>;

function parse(
  args: string[],
  options: ParseArgsConfig['options'],
  positionals: number,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let r: ReturnType<typeof parseArgs>;
  try {
    r = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!r.values.help && r.positionals.length !== positionals) {
    throw new UsageError(
      positionals === 0 ? `unexpected argument ${r.positionals[0]}` : `expected ${positionals} file argument(s), got ${r.positionals.length}`,
    );
  }
  return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
}

/** Reads and parses a JSON file; unreadable or non-JSON → UsageError (exit 2). */
export function readJsonFile(file: string): unknown {
  try {
    return readJson(file);
  } catch (e) {
    if (e instanceof JsonFileError) throw new UsageError(e.message);
    throw e;
  }
}

export const formatIssue = (file: string, i: LayoutIssue) => `${file}: ${i.feature}: ${i.path}: ${i.severity === 'warning' ? 'warning: ' : ''}${i.message}`;

/** Loads a layout file for a command; invalid layouts print their problems and return undefined. */
function loadLayout(file: string, io: Io) {
  const json = readJsonFile(file);
  let r: ReturnType<typeof parseLayout>;
  try {
    r = parseLayout(json, { owned: true });
  } catch (e) {
    if (e instanceof LayoutFormatError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  for (const i of r.issues) io.stderr.write(formatIssue(file, i) + '\n');
  return r;
}

const validate: Command = (args, io) => {
  const { values, positionals } = parse(args, {}, 1);
  if (values.help) return (io.stdout.write('usage: parktwin validate <layout.geojson>\n'), 0);
  const file = positionals[0];
  const r = loadLayout(file, io);
  const errors = r.issues.filter((i) => i.severity === 'error');
  if (!r.ok) {
    io.stdout.write(JSON.stringify({ valid: false, errors: errors.length, issues: r.issues }) + '\n');
    io.stderr.write(`${file}: invalid: ${errors.length} error${errors.length === 1 ? '' : 's'}\n`);
    return 1;
  }
  const counts = countByKind(r.layout);
  io.stdout.write(JSON.stringify({ valid: true, counts, issues: r.issues }) + '\n');
  const summary = Object.entries(counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  io.stderr.write(`${file}: valid: ${r.layout.features.length} features (${summary})${r.issues.length ? `, ${r.issues.length} warnings` : ''}\n`);
  return 0;
};

const generate: Command = (args, io) => {
  const { values } = parse(args, { seed: { type: 'string' }, scale: { type: 'string' }, out: { type: 'string' } }, 0);
  if (values.help) return (io.stdout.write('usage: parktwin generate --seed S --scale K [--out file]\n'), 0);
  if (values.seed === undefined) throw new UsageError('generate: --seed is required');
  const scale = Number(values.scale ?? '1');
  if (!Number.isInteger(scale) || scale < 1 || scale > 400) throw new UsageError(`generate: --scale must be a whole number from 1 to 400, not ${values.scale}`);
  const seed = /^-?\d+$/.test(values.seed as string) ? Number(values.seed) : (values.seed as string);
  const park = generatePark({ seed, scale });
  const text = stringifyLayout(park);
  if (values.out) {
    try {
      writeFileSync(values.out as string, text);
    } catch (e) {
      throw new UsageError(`${values.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  } else io.stdout.write(text);
  const counts: Record<string, number> = {};
  for (const f of park.features as { properties: { kind: string } }[]) counts[f.properties.kind] = (counts[f.properties.kind] ?? 0) + 1;
  io.stderr.write(
    `generated ${park.features.length} features (${counts.tank} tanks, ${counts.sensor} sensors, ${counts.protected_target} protected targets) for seed ${seed}, scale ${scale}${values.out ? ` → ${values.out}` : ''}\n`,
  );
  return 0;
};

/** Invalid input (a layout or a rule file): the problems are printed, exit 1. */
class InvalidInput extends Error {}

/** The rule sets named by --rules, or the defaults (GB 50160, GB 50074). */
function loadRuleSets(files: string[] | undefined, io: Io): readonly LoadedRuleSet[] {
  if (!files || files.length === 0) return DEFAULT_RULE_SETS;
  const sets: LoadedRuleSet[] = [];
  let bad = false;
  for (const file of files) {
    try {
      sets.push(parseRuleSet(readJsonFile(file), file));
    } catch (e) {
      if (!(e instanceof RuleFileError)) throw e;
      for (const p of e.problems) io.stderr.write(`${file}: ${p.rule}: ${p.path}: ${p.message}\n`);
      bad = true;
    }
  }
  if (bad) throw new InvalidInput('invalid rule file');
  return sets;
}

function modelOrFail(file: string, io: Io) {
  const r = loadLayout(file, io);
  if (!r.ok) throw new InvalidInput(`${file}: invalid layout`);
  return buildModel(r.layout, r.frame, r.ids);
}

const CHECK_COLUMNS = ['from', 'to', 'rule', 'required_m', 'actual_m', 'margin_m', 'ok', 'verified', 'citation'] as const;

const distances: Command = (args, io) => {
  const { values, positionals } = parse(args, { rules: { type: 'string', multiple: true }, format: { type: 'string' } }, 1);
  if (values.help) return (io.stdout.write('usage: parktwin distances <layout> [--rules file]... [--format json|csv]\n'), 0);
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv, not ${format}`);
  const rules = loadRuleSets(values.rules as unknown as string[] | undefined, io);
  const model = modelOrFail(positionals[0], io);
  const report = new DistanceEngine(model, rules).run();
  const checks = report.checks.map(({ from, to, rule, citation, required_m, actual_m, ok, verified, margin_m }) => ({
    from,
    to,
    rule,
    citation,
    required_m,
    actual_m,
    ok,
    margin_m,
    verified,
  }));
  if (format === 'csv') io.stdout.write(toCsv(checks, CHECK_COLUMNS));
  else io.stdout.write(JSON.stringify({ checks, summary: report.summary, skipped: report.skipped }) + '\n');
  io.stderr.write(`${positionals[0]}: ${report.summary.pairs} checks, ${report.summary.violations} violations (${rules.map((r) => r.ruleset).join(', ')})\n`);
  return 0;
};

const majorHazards: Command = (args, io) => {
  const { values, positionals } = parse(args, {}, 1);
  if (values.help) return (io.stdout.write('usage: parktwin major-hazards <layout>\n'), 0);
  const model = modelOrFail(positionals[0], io);
  const units = identifyMajorHazards(model);
  io.stdout.write(JSON.stringify(units) + '\n');
  const major = units.filter((u) => u.grade !== null);
  const grades = [1, 2, 3, 4].map((g) => `${major.filter((u) => u.grade === g).length} grade ${g}`).join(', ');
  const unresolved = [...new Set(units.flatMap((u) => u.unresolved))];
  io.stderr.write(
    `${positionals[0]}: ${units.length} units, ${major.length} major hazard sources (${grades})${unresolved.length ? `; unresolved substances: ${unresolved.join(', ')}` : ''}\n`,
  );
  return 0;
};

const check: Command = (args, io) => {
  const { values, positionals } = parse(args, { rules: { type: 'string', multiple: true } }, 1);
  if (values.help) return (io.stdout.write('usage: parktwin check <layout> [--rules file]...\n'), 0);
  const rules = loadRuleSets(values.rules as unknown as string[] | undefined, io);
  const model = modelOrFail(positionals[0], io);
  const report = checkLayout(model, rules);
  io.stdout.write(JSON.stringify(report) + '\n');
  const v = report.findings.filter((f) => f.severity === 'violation').length;
  io.stderr.write(`${positionals[0]}: ${report.findings.length} findings (${v} violations), ${report.storage_bases.length} large storage bases\n`);
  return 0;
};

/** Replays positions (one JSON object per line, as POST /api/ingest/positions takes them) through the geofences (bin/replay.ts). */
const replay: Command = async (args, io) => {
  const { values, positionals } = parse(args, {}, 2);
  if (values.help) return (io.stdout.write('usage: parktwin replay <layout> <positions.ndjson>\n'), 0);
  const [layoutFile, positionsFile] = positionals;
  const reader = startReplayReader(); // loads while the layout does
  let model: ParkModel;
  try {
    model = modelOrFail(layoutFile, io);
  } catch (e) {
    await reader.worker.terminate();
    throw e;
  }
  let r: Awaited<ReturnType<typeof replayPositions>>;
  try {
    r = await replayPositions(
      model,
      positionsFile,
      (text) => io.stdout.write(text),
      (text) => io.stderr.write(text),
      reader,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) throw new UsageError(`${positionsFile}: cannot read (${(e as NodeJS.ErrnoException).code})`);
    throw e;
  }
  if (!r.ok) throw new InvalidInput(`${positionsFile}: ${r.bad} bad line(s), nothing replayed`);
  io.stderr.write(`${positionsFile}: ${r.positions} positions, ${r.events} events\n`);
  return 0;
};

/** Errors that mean "this input file is wrong" (exit 1, naming the file); anything else is ours. */
const INPUT_ERRORS = [HazardInputError, ScenarioInputError, ScenarioError];

/** Runs `work` on an input file's content; a bad input becomes exit 1 with the file named. */
function withInput<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (INPUT_ERRORS.some((E) => e instanceof E)) throw new InvalidInput(`${file}: ${(e as Error).message}`);
    throw e;
  }
}

const hazard: Command = (args, io) => {
  const { values, positionals } = parse(args, {}, 1);
  if (values.help) return (io.stdout.write('usage: parktwin hazard <file.json | ->   (inputs and outputs: docs/hazards.md)\n'), 0);
  const input = readJsonFile(positionals[0]);
  io.stdout.write(JSON.stringify(withInput(positionals[0], () => runHazard(input))) + '\n');
  return 0;
};

const scenario: Command = (args, io) => {
  const { values, positionals } = parse(args, {}, 2);
  if (values.help)
    return (io.stdout.write('usage: parktwin scenario <layout> <scenario.json | ->   (the scenario file and the GeoJSON out: docs/hazards.md)\n'), 0);
  const model = modelOrFail(positionals[0], io);
  const input = readJsonFile(positionals[1]);
  const out = withInput(positionals[1], () => runScenario(model, input));
  io.stdout.write(JSON.stringify(out) + '\n');
  const levels = out.features.filter((f) => f.properties?.type === 'footprint').map((f) => `${f.properties!.label} ${f.properties!.reach_m} m`);
  io.stderr.write(
    `${positionals[1]}: ${out.parktwin.basis}; ${levels.length ? levels.join(', ') : 'no footprint'}; ${(out.parktwin.targets_reached as string[]).length} protected target${(out.parktwin.targets_reached as string[]).length === 1 ? '' : 's'} reached\n`,
  );
  return 0;
};

type SocietalOut = { region: string; worst: { n: number; f_per_yr: number; ratio_to_intolerable: number } | null; pll_per_yr: number };
const REGION = { intolerable: 'intolerable', alarp: 'as low as reasonably practicable', acceptable: 'acceptable' } as Record<string, string>;
/** One clause on societal risk: its F–N region, where the curve comes nearest the intolerable line, the PLL. */
function societalSummary(s: SocietalOut): string {
  if (!s.worst) return 'societal risk: no outcome kills one person or more';
  return `societal risk ${REGION[s.region]} (F–N nearest the intolerable line at N ≥ ${s.worst.n.toPrecision(3)}: F = ${s.worst.f_per_yr.toExponential(1)}/yr, ${s.worst.ratio_to_intolerable.toPrecision(2)} of it; PLL ${s.pll_per_yr.toExponential(1)}/yr)`;
}

const risk: Command = (args, io) => {
  const { values, positionals } = parse(args, {}, 2);
  if (values.help) return (io.stdout.write('usage: parktwin risk <layout> <study.json | ->   (the study file and the GeoJSON out: docs/risk.md)\n'), 0);
  const model = modelOrFail(positionals[0], io);
  const input = readJsonFile(positionals[1]);
  const out = withInput(positionals[1], () => runRisk(model, input));
  io.stdout.write(JSON.stringify(out) + '\n');
  const over = out.parktwin.targets_over_limit as string[];
  const lines = out.features
    .filter((f) => f.properties?.type === 'iso-risk' && (f.geometry as GeoJSON.MultiLineString).coordinates.length)
    .map((f) => Number(f.properties!.level_per_yr).toExponential(0));
  io.stderr.write(
    `${positionals[1]}: iso-risk lines at ${lines.length ? lines.join(', ') : 'no level'} per year; ${over.length} protected target${over.length === 1 ? '' : 's'} over the GB 36894 limit (${out.parktwin.status} installations)${over.length ? `: ${over.join(', ')}` : ''}; ${societalSummary(out.parktwin.societal as SocietalOut)}\n`,
  );
  return 0;
};

/** Reads a text file for a command; unreadable → UsageError (exit 2). */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

const importCmd: Command = async (args, io) => {
  const { values, positionals } = parse(
    args,
    {
      from: { type: 'string' },
      crs: { type: 'string' },
      control: { type: 'string' },
      tolerance: { type: 'string' },
      map: { type: 'string' },
      out: { type: 'string' },
      'swap-xy': { type: 'boolean' },
      chord: { type: 'string' },
      name: { type: 'string' },
      density: { type: 'string' },
    },
    1,
  );
  if (values.help)
    return (
      io.stdout.write(
        'usage: parktwin import <file> [--from dxf|osm|kml|shp] [--crs EPSG:n | --control points.csv [--tolerance m]] [--map mapping.json] [--swap-xy] [--chord m] [--density people/km²] [--name n] [--out layout.geojson]\n',
      ),
      0
    );
  const file = positionals[0];
  const from = (values.from as string | undefined) ?? file.split('.').pop()?.toLowerCase();
  if (!isImportFormat(from))
    throw new UsageError(
      from && ['geojson', 'json'].includes(from)
        ? `--from ${from}: a GeoJSON layout needs no import: check it with parktwin validate`
        : `cannot tell the format of ${file}: give --from dxf, osm, kml or shp`,
    );
  const density = values.density === undefined ? undefined : Number(values.density);
  if (density !== undefined && !(density > 0)) throw new UsageError(`--density must be a positive number of people per km², not ${values.density}`);
  const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
  if (tolerance !== undefined && !(tolerance > 0)) throw new UsageError(`--tolerance must be a positive number of metres, not ${values.tolerance}`);
  const chord = values.chord === undefined ? undefined : Number(values.chord);
  if (chord !== undefined && !(chord > 0)) throw new UsageError(`--chord must be a positive number of metres, not ${values.chord}`);
  const mapping = values.map ? (readJsonFile(values.map as string) as ShpMapping) : undefined;
  // the file, then the ones beside it the import reads: a Shapefile's .dbf and .cpg, a .prj for the system
  const readBytes = (f: string) => {
    try {
      return new Uint8Array(readFileSync(f));
    } catch (e) {
      throw new UsageError(`${f}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  const stem = file.replace(/\.[^.]+$/, '');
  const files = [{ name: path.basename(file), bytes: readBytes(file) }];
  for (const ext of ['dbf', 'cpg', 'prj']) {
    const side = [`${stem}.${ext}`, `${stem}.${ext.toUpperCase()}`].find((f) => existsSync(f));
    if (side) files.push({ name: `${path.basename(stem)}.${ext}`, bytes: readBytes(side) });
  }
  let result: ImportResult;
  try {
    result = await importFiles(files, {
      format: from,
      crs: values.crs as string | undefined,
      control: values.control ? readText(values.control as string) : undefined,
      tolerance_m: tolerance,
      mapping,
      swapXY: !!values['swap-xy'],
      chord_m: chord,
      density_per_km2: density,
      name: values.name as string | undefined,
    });
  } catch (e) {
    if (e instanceof CrsError) throw new UsageError(e.message);
    if (e instanceof ImportError || e instanceof ControlError) {
      io.stderr.write(`${file}: ${e.message}\n`);
      return e instanceof ImportError && NOT_THE_FORMAT.test(e.message) ? 2 : 1;
    }
    throw e;
  }
  return reportImport(file, result, values.out as string | undefined, io);
};

/** The import's report on stderr, the layout to `out` or stdout, then validated: exit 0 valid, 1 not yet. */
function reportImport(file: string, result: ImportResult, outFile: string | undefined, io: Io): number {
  const r = result.report;
  const say = (s: string) => io.stderr.write(`${file}: ${s}\n`);
  say(`units: ${r.units}; placed by ${r.placement}`);
  for (const w of r.warnings) say(`warning: ${w}`);
  for (const c of r.residuals ?? []) say(`control point ${c.name}: residual ${c.residual_m.toFixed(3)} m`);
  for (const l of r.layers)
    say(
      `layer ${l.layer}: ${l.entities} entities → ${[l.kind && l.features ? `${l.features} ${l.kind}${l.by === 'mapping' ? ' (mapping)' : ''}` : '', l.texts ? `${l.texts} texts read for names` : ''].filter(Boolean).join(', ') || 'left out'}`,
    );
  for (const g of r.guesses) say(`guessed: ${g}`);
  for (const d of r.defaults) say(`filled: ${d}`);
  for (const k of r.skipped) say(`left out: ${k.count} ${k.type} on ${k.layer}: ${k.why}`);
  const out = stringifyLayout(result.layout as unknown as Parameters<typeof stringifyLayout>[0]);
  if (outFile) {
    try {
      writeFileSync(outFile, out);
    } catch (e) {
      throw new UsageError(`${outFile}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  } else io.stdout.write(out);
  // the layout as the validator sees it
  const v = parseLayout(result.layout);
  const target = outFile ?? '(stdout)';
  for (const i of v.issues) io.stderr.write(formatIssue(target, i) + '\n');
  const counts = Object.entries(r.counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  if (!v.ok) {
    say(
      `imported ${result.layout.features.length} features (${counts}); the layout is not valid yet: ${v.issues.filter((i) => i.severity === 'error').length} errors to fix (above), or fill them with --map`,
    );
    return 1;
  }
  say(`imported ${result.layout.features.length} features (${counts}); the layout is valid`);
  return 0;
}

const account =
  (kind: 'user' | 'token'): Command =>
  (args, io) =>
    accounts(kind, args, { ...io, readSecret: io.readSecret ?? terminalSecret() });

const COMMANDS: Record<string, Command> = {
  validate,
  generate,
  distances,
  'major-hazards': majorHazards,
  check,
  replay,
  hazard,
  scenario,
  risk,
  import: importCmd,
  user: account('user'),
  token: account('token'),
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    io[cmd ? 'stdout' : 'stderr'].write(USAGE);
    return cmd ? 0 : 2;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    io.stderr.write(`parktwin: unknown command "${cmd}"\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`parktwin ${cmd}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof AccountsError) {
      io.stderr.write(`parktwin ${cmd}: ${e.message}\n`);
      return e.code;
    }
    if (e instanceof InvalidInput) {
      io.stderr.write(`parktwin ${cmd}: ${e.message}\n`);
      return 1;
    }
    io.stderr.write(`parktwin ${cmd}: internal error: ${(e as Error).message}\n`);
    return 3;
  }
}
