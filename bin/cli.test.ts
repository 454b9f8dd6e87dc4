/**
 * The CLI as a user runs it: the real bin/parktwin in a child process, exit codes and outputs.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = path.join(import.meta.dirname, 'parktwin');
const FIX = path.join(import.meta.dirname, '../src/model/__fixtures__');
const DEMO = path.join(import.meta.dirname, '../public/parks/demo.geojson');
const tmp = mkdtempSync(path.join(tmpdir(), 'parktwin-cli-'));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(BIN, args, { maxBuffer: 256 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('parktwin validate', () => {
  it('accepts the demo park: exit 0, JSON counts on stdout, a one-line summary on stderr', async () => {
    const r = await run('validate', DEMO);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(true);
    expect(out.counts.tank).toBe(158);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/valid: 1094 features \(1 park, .*158 tank/);
  });

  it('rejects an invalid layout: exit 1, one line per problem naming file, feature and field', async () => {
    const file = path.join(FIX, 'invalid/gate-off-fence.geojson');
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`${file}: G-1: geometry.coordinates: the gate is 20.0 m from fence "FENCE"; it must lie on it (within 5 m)`);
    expect(lines.at(-1)).toBe(`${file}: invalid: 1 error`);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, errors: 1 });
    noStackTrace(r.stderr);
  });

  it('lists every problem of a file with several', async () => {
    const l = JSON.parse(readFileSync(path.join(FIX, 'valid/small.geojson'), 'utf8'));
    l.features[5].properties.diameter_m = -3;
    l.features[6].properties.kind = 'tnak';
    l.features[8].properties.unit = 'ppm';
    const file = path.join(tmp, 'several.geojson');
    writeFileSync(file, JSON.stringify(l));
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: T-1: properties.diameter_m: -3 m is below the minimum 0.5 m`);
    expect(r.stderr).toContain(`${file}: T-2: properties.kind: unknown kind "tnak" (did you mean "tank"?)`);
    expect(r.stderr).toContain(`${file}: S-1: properties.unit: a combustible_gas sensor reports in %LEL or LEL·m, not "ppm"`);
  });

  it('exit 2 for a missing file, a file that is not JSON, and JSON that is not a FeatureCollection', async () => {
    const missing = await run('validate', path.join(tmp, 'nope.geojson'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/nope\.geojson: cannot read \(no such file\)$/);
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, '{"type": "FeatureCollection", ');
    const notJson = await run('validate', bad);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr.trim().split('\n')).toHaveLength(1);
    expect(notJson.stderr).toContain('not JSON');
    const point = path.join(tmp, 'point.json');
    writeFileSync(point, '{"type": "Point", "coordinates": [117.5, 38.7]}');
    const notFc = await run('validate', point);
    expect(notFc.code).toBe(2);
    expect(notFc.stderr).toContain('not a GeoJSON FeatureCollection');
    for (const r of [missing, notJson, notFc]) noStackTrace(r.stderr);
  });

  it('exit 2 for usage errors', async () => {
    expect((await run('validate')).code).toBe(2);
    expect((await run('validate', 'a', 'b')).code).toBe(2);
    expect((await run('validate', '--frobnicate', DEMO)).code).toBe(2);
    expect((await run('no-such-command')).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run('--help')).code).toBe(0);
  });
});

describe('parktwin generate', () => {
  it('writes the same park for the same seed, a valid one, scaled as asked', async () => {
    const a = path.join(tmp, 'a.geojson');
    const b = path.join(tmp, 'b.geojson');
    const r1 = await run('generate', '--seed', '42', '--scale', '3', '--out', a);
    const r2 = await run('generate', '--seed', '42', '--scale', '3', '--out', b);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(r1.stderr).toMatch(/generated \d+ features \(474 tanks/);
    const v = await run('validate', a);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).counts.tank).toBe(3 * 158);
  });

  it('writes to stdout without --out, and reproduces the demo park from its seed', async () => {
    const r = await run('generate', '--seed', '20221116', '--scale', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(DEMO, 'utf8'));
  });

  it('exit 2 without a seed or with a bad scale', async () => {
    expect((await run('generate', '--scale', '2')).code).toBe(2);
    const bad = await run('generate', '--seed', '1', '--scale', 'ten');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--scale must be a whole number');
  });
});

describe('parktwin distances / major-hazards / check', () => {
  it('distances: JSON with one entry per applicable pair, worst margin first, exit 0 with violations', async () => {
    const r = await run('distances', DEMO);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.violations).toBeGreaterThan(0);
    expect(out.summary.pairs).toBe(out.checks.length);
    expect(Object.keys(out.checks[0]).sort()).toEqual(['actual_m', 'citation', 'from', 'margin_m', 'ok', 'required_m', 'rule', 'to', 'verified']);
    expect(out.checks[0]).toMatchObject({ from: 'B-REF-FCC-SHIFT', to: 'U-REF-FCC', actual_m: 0, ok: false });
    expect(r.stderr).toMatch(/\d+ checks, \d+ violations \(gb50160, gb50074\)/);
  });

  it('distances --format csv, and --rules with a user file', async () => {
    const csv = await run('distances', DEMO, '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('from,to,rule,required_m,actual_m,margin_m,ok,verified,citation');
    expect(lines[1]).toMatch(/^B-REF-FCC-SHIFT,U-REF-FCC,gb50160\.5\.2\.area-room-unit,15,0,-15,false,false,"GB 50160/);
    const rules = path.join(tmp, 'mine.json');
    writeFileSync(
      rules,
      JSON.stringify({
        ruleset: 'mine',
        title: 'Ours',
        rules: [
          {
            id: 'mine.flare-school',
            citation: 'Park rule 7',
            verified: true,
            from: { kind: 'flare' },
            to: { kind: 'protected_target', where: { category: ['school'] } },
            required_m: 5000,
          },
        ],
      }),
    );
    const mine = JSON.parse((await run('distances', DEMO, '--rules', rules)).stdout);
    expect(new Set(mine.checks.map((c: { rule: string }) => c.rule))).toEqual(new Set(['mine.flare-school']));
  });

  it('a malformed rule file: exit 1, naming the rule and the field', async () => {
    const rules = path.join(tmp, 'bad-rules.json');
    writeFileSync(
      rules,
      JSON.stringify({
        ruleset: 'bad',
        title: 'Bad',
        rules: [{ id: 'bad.one', citation: 'Bad 1.1', verified: true, from: { kind: 'tank' }, to: { kind: 'tank' }, required_m: 'a.diameter_m +' }],
      }),
    );
    const r = await run('distances', DEMO, '--rules', rules);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${rules}: bad.one: required_m: cannot parse`);
    noStackTrace(r.stderr);
    expect((await run('distances', DEMO, '--rules', path.join(tmp, 'none.json'))).code).toBe(2);
    expect((await run('distances', DEMO, '--format', 'xml')).code).toBe(2);
  });

  it('an invalid layout: exit 1 for every engine command', async () => {
    for (const cmd of ['distances', 'major-hazards', 'check']) {
      const r = await run(cmd, path.join(FIX, 'invalid/duplicate-id.geojson'));
      expect(r.code, cmd).toBe(1);
      expect(r.stderr).toContain('duplicate id');
    }
  });

  it('major-hazards: one entry per unit with S, R, alpha, grade', async () => {
    const r = await run('major-hazards', DEMO);
    expect(r.code).toBe(0);
    const units = JSON.parse(r.stdout);
    const lpg = units.find((u: { unit: string }) => u.unit === 'DK-LPG-2');
    expect(lpg).toMatchObject({ alpha: 2, grade: 1, members: ['T-LPG-07', 'T-LPG-08', 'T-LPG-09', 'T-LPG-10', 'T-LPG-11', 'T-LPG-12'] });
    expect(Object.keys(lpg)).toEqual(expect.arrayContaining(['unit', 'members', 'S', 'R', 'alpha', 'grade', 'substances']));
    expect(r.stderr).toContain('unresolved substances: nitric_acid');
  });

  it('check: findings with ids and messages, storage bases, methods', async () => {
    const r = await run('check', DEMO);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings.find((f: { check: string }) => f.check === 'bans.labour-intensive-enterprise')).toMatchObject({
      ids: ['E-LOG'],
      severity: 'violation',
    });
    expect(out.storage_bases).toHaveLength(4);
    expect(out.external_safety_methods.length).toBe(158 + 11 + 12);
  });
});

describe('parktwin replay', () => {
  it('a walk across the demo park fence between two gates gives exactly one breach, as NDJSON', async () => {
    const { createFrame } = await import('../src/geo/primitives/frame.ts');
    const frame = createFrame([117.52, 38.72]);
    const t0 = Date.parse('2026-11-28T02:00:00Z');
    // north edge of the demo park at y = +2000 m; the nearest gates are 2.5 km and more away
    const lines = [2150, 2060, 1990, 1900].map((y, i) => {
      const [lon, lat] = frame.toLngLat([-2500, y]);
      return JSON.stringify({ id: 'P-0001', kind: 'person', lon, lat, t: t0 + i * 10_000, role: 'operator' });
    });
    const file = path.join(tmp, 'walk.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await run('replay', DEMO, file);
    expect(r.code).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'fence.breach', subject: 'P-0001', place: 'FENCE', detail: { direction: 'in' } });
    expect(events[0].t).toBeGreaterThan(t0 + 10_000);
    expect(events[0].t).toBeLessThan(t0 + 20_000);
    expect(r.stderr).toContain('4 positions, 1 events');
  });

  it('a bad line: exit 1 naming the line and field, nothing replayed', async () => {
    const file = path.join(tmp, 'bad.ndjson');
    writeFileSync(file, '{"id":"P-1","kind":"person","lon":117.5,"lat":38.7,"t":0}\n{"id":"P-1","kind":"robot","lon":117.5,"lat":38.7,"t":1}\nnot json\n');
    const r = await run('replay', DEMO, file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:2: kind:`);
    expect(r.stderr).toContain(`${file}:3: not JSON`);
  });
});

describe('parktwin replay in constant memory', () => {
  it('replays a file larger than the heap it is given (150 MB through a 96 MB heap), every line counted', async () => {
    const { createFrame } = await import('../src/geo/primitives/frame.ts');
    const frame = createFrame([117.52, 38.72]);
    const file = path.join(tmp, 'long.ndjson');
    const fd = openSync(file, 'w');
    const t0 = Date.parse('2026-11-28T02:00:00Z');
    let n = 0;
    let bytes = 0;
    // 500 people walking in the middle of the park, one fix each every 10 s, written in blocks
    while (bytes < 150 * 1024 * 1024) {
      const block: string[] = [];
      for (let k = 0; k < 5000; k++, n++) {
        const [lon, lat] = frame.toLngLat([((n % 500) - 250) * 2, Math.sin(n / 500) * 50]);
        block.push(
          `{"id":"P-${String(n % 500).padStart(4, '0')}","kind":"person","lon":${lon.toFixed(7)},"lat":${lat.toFixed(7)},"t":${t0 + Math.floor(n / 500) * 10_000},"role":"operator"}`,
        );
      }
      const text = `${block.join('\n')}\n`;
      writeSync(fd, text);
      bytes += Buffer.byteLength(text);
    }
    closeSync(fd);
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(BIN, ['replay', DEMO, file], {
        env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=96' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).not.toMatch(/heap out of memory/);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${n} positions`);
  }, 180_000);

  it('reads lines across chunk boundaries: a character split between chunks, CRLF, a last line without a newline', async () => {
    const { forEachLine } = await import('./ndjson.ts');
    const file = path.join(tmp, 'chunks.ndjson');
    writeFileSync(file, '{"a":"储罐"}\r\n\n{"b":"防火堤 ok"}\n{"c":1}');
    const seen: [string, number][] = [];
    // 5-byte chunks split the 3-byte characters
    expect(forEachLine(file, (line, no) => seen.push([line, no]), 5)).toBe(4);
    expect(seen).toEqual([
      ['{"a":"储罐"}', 1],
      ['', 2],
      ['{"b":"防火堤 ok"}', 3],
      ['{"c":1}', 4],
    ]);
  });
});

describe('parktwin hazard', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-hazard-'));
  const file = (name: string, body: unknown) => {
    const f = path.join(dir, name);
    writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
    return f;
  };
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'gaussian-plume',
      { model: 'gaussian-plume', q_g_s: 80, u_m_s: 6, stability: 'D', sigma: 'briggs-rural', h_m: 60, receptors: [{ x_m: 500, y_m: 0, z_m: 0 }] },
      ['receptors'],
    ],
    [
      'gaussian-puff',
      { model: 'gaussian-puff', mass_kg: 100, u_m_s: 5, stability: 'D', sigma: 'ccps-puff', t_s: 100, receptors: [{ x_m: 500, y_m: 0, z_m: 0 }] },
      ['receptors'],
    ],
    [
      'britter-mcquaid-plume',
      {
        model: 'britter-mcquaid-plume',
        rate_kg_s: 97.888,
        source_density_kg_m3: 1.76,
        source_temperature_K: 111.15,
        ambient_temperature_K: 298,
        u10_m_s: 10.9,
        thresholds_vol_frac: [0.05],
      },
      ['D_m', 'alpha', 'dense', 'distances_m'],
    ],
    [
      'tnt',
      {
        model: 'tnt',
        mass_kg: 1000,
        dHc_kJ_kg: 46350,
        yield: 0.03,
        e_tnt_kJ_kg: 4686,
        curve: 'kingery-bulmash',
        receptors_m: [50, 100],
        thresholds_kPa: [6.9, 20.7, 48.3],
      },
      ['w_tnt_kg', 'receptors', 'distances_m'],
    ],
    [
      'pool-fire',
      {
        model: 'pool-fire',
        diameter_m: 10,
        burning_rate_kg_m2_s: 0.055,
        dHc_kJ_kg: 43700,
        radiative_fraction: 0.35,
        transmissivity: 0.8,
        receptors: [{ r_m: 30, z_m: 0 }],
      },
      ['hrr_kW', 'flame_height_m', 'receptors'],
    ],
    [
      'pool-fire-in-wind',
      {
        model: 'pool-fire',
        diameter_m: 20,
        burning_rate_kg_m2_s: 0.055,
        dHc_kJ_kg: 43700,
        radiative_fraction: 0.35,
        transmissivity: 0.8,
        u_m_s: 5,
        vapour_density_kg_m3: 3.4,
        receptors: [{ x_m: 40, y_m: 10 }],
        thresholds_kW_m2: [12.5],
      },
      ['u_star', 'tilt_deg', 'flame_length_m', 'receptors', 'solid_flame_extent_m'],
    ],
    [
      'pool-fire-tno-yellow-book',
      {
        model: 'pool-fire',
        correlations: 'tno-yellow-book',
        diameter_m: 42.4457,
        burning_rate_kg_m2_s: 0.085,
        k_beta_per_m: 2.7,
        dHc_kJ_kg: 40150,
        radiative_fraction: 0.4,
        transmissivity: 0.71474,
        u_m_s: 5,
        air_density_kg_m3: 1.2243,
        air_viscosity_m2_s: 7.5133e-6,
        receptors: [{ x_m: 100 }],
      },
      ['correlations', 'u_star', 'tilt_deg', 'flame_length_m', 'sep_kW_m2', 'receptors'],
    ],
    [
      'bleve-fireball',
      { model: 'bleve-fireball', mass_kg: 10000, sep_kW_m2: 300, receptors: [{ x_m: 200 }] },
      ['diameter_m', 'duration_s', 'height_m', 'receptors'],
    ],
    [
      'bleve-fireball-gost',
      { model: 'bleve-fireball', correlations: 'gost-r-12.3.047', mass_kg: 254400, receptors: [{ x_m: 500 }] },
      ['correlations', 'diameter_m', 'duration_s', 'receptors'],
    ],
    ['probit', { model: 'probit', kind: 'eisenberg-thermal', q_W_m2: 10000, t_s: 60 }, ['Y', 'P']],
    [
      'discharge-liquid',
      {
        model: 'discharge',
        phase: 'liquid',
        hole_diameter_m: 0.01,
        gauge_pressure_Pa: 580e3,
        density_kg_m3: 1563,
        substance: 'chlorine',
        temperature_K: 293.15,
      },
      ['rate_kg_s', 'velocity_m_s', 'flash_fraction'],
    ],
    [
      'discharge-gas',
      { model: 'discharge', phase: 'gas', hole_diameter_m: 0.01, pressure_Pa: 501e3, temperature_K: 298, molar_mass_g_mol: 44.0152, gamma: 1.15, cd: 0.85 },
      ['rate_kg_s', 'choked', 'exit_pressure_Pa', 'exit_temperature_K', 'velocity_m_s'],
    ],
  ];
  for (const [name, input, keys] of cases) {
    it(`${name}: JSON out with ${keys.join(', ')}`, async () => {
      const r = await run('hazard', file(`${name}.json`, input));
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      for (const k of keys) expect(out).toHaveProperty(k);
      // the TNO Yellow Book's worked pool fire (§6.6.3): 4 581 W/m² printed at 100 m
      if (name === 'pool-fire-tno-yellow-book') expect(out.receptors[0].q_solid_flame_kW_m2).toBeCloseTo(4.581, 2);
    });
  }
  it('invalid input: exit 1 naming the field; a file that is not JSON: exit 2', async () => {
    const bad = await run('hazard', file('bad.json', { model: 'gaussian-plume', q_g_s: 80, u_m_s: -6, stability: 'D', sigma: 'briggs-rural', h_m: 60 }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/u_m_s: /);
    expect((await run('hazard', file('model.json', { model: 'meteor' }))).stderr).toMatch(/model: must be one of/);
    expect(
      (await run('hazard', file('stab.json', { model: 'gaussian-puff', mass_kg: 1, u_m_s: 1, stability: 'Z', sigma: 'ccps-puff', t_s: 1 }))).stderr,
    ).toMatch(/stability: /);
    expect((await run('hazard', file('missing.json', { model: 'tnt', mass_kg: 1 }))).stderr).toMatch(/dHc_kJ_kg: /);
    expect((await run('hazard', file('set.json', { model: 'bleve-fireball', correlations: 'tno', mass_kg: 1000 }))).stderr).toMatch(
      /correlations: must be one of ccps, gost-r-12.3.047/,
    );
    expect(
      (await run('hazard', file('mix.json', { model: 'bleve-fireball', correlations: 'gost-r-12.3.047', mass_kg: 1000, dHc_kJ_kg: 46350, p_MPa: 1.5 }))).stderr,
    ).toMatch(/dHc_kJ_kg: .*ccps set/);
    expect(
      (
        await run(
          'hazard',
          file('wind.json', {
            model: 'pool-fire',
            diameter_m: 20,
            burning_rate_kg_m2_s: 0.055,
            dHc_kJ_kg: 43700,
            radiative_fraction: 0.35,
            transmissivity: 0.8,
            u_m_s: 5,
          }),
        )
      ).stderr,
    ).toMatch(/vapour_density_kg_m3: .*together/);
    expect(
      (
        await run(
          'hazard',
          file('yb.json', {
            model: 'pool-fire',
            correlations: 'tno-yellow-book',
            diameter_m: 20,
            burning_rate_kg_m2_s: 0.055,
            dHc_kJ_kg: 43700,
            radiative_fraction: 0.35,
            transmissivity: 0.8,
          }),
        )
      ).stderr,
    ).toMatch(/u_m_s: the tno-yellow-book set is a fire in wind/);
    expect(
      (
        await run(
          'hazard',
          file('set.json', {
            model: 'pool-fire',
            correlations: 'shell',
            diameter_m: 20,
            burning_rate_kg_m2_s: 0.055,
            dHc_kJ_kg: 43700,
            radiative_fraction: 0.35,
            transmissivity: 0.8,
          }),
        )
      ).stderr,
    ).toMatch(/correlations: must be one of ccps, tno-yellow-book/);
    expect((await run('hazard', file('phase.json', { model: 'discharge', phase: 'plasma', hole_diameter_m: 0.01 }))).stderr).toMatch(
      /phase: must be liquid or gas/,
    );
    expect(
      (
        await run(
          'hazard',
          file('gamma.json', {
            model: 'discharge',
            phase: 'gas',
            hole_diameter_m: 0.01,
            pressure_Pa: 5e5,
            temperature_K: 300,
            molar_mass_g_mol: 16,
            gamma: 0.9,
          }),
        )
      ).stderr,
    ).toMatch(/gamma: /);
    expect(
      (
        await run(
          'hazard',
          file('flash.json', {
            model: 'discharge',
            phase: 'liquid',
            hole_diameter_m: 0.01,
            gauge_pressure_Pa: 5e5,
            density_kg_m3: 1563,
            substance: 'chlorine',
          }),
        )
      ).stderr,
    ).toMatch(/temperature_K: needed with substance/);
    expect((await run('hazard', file('text.json', 'plume please'))).code).toBe(2);
  });
});

describe('parktwin scenario', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-scenario-'));
  const file = (name: string, body: unknown) => {
    const f = path.join(dir, name);
    writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
    return f;
  };
  const weather = { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' };
  it('a chlorine leak on the demo park: GeoJSON with three footprints, the source, the basis; a summary on stderr', async () => {
    const r = await run('scenario', DEMO, file('leak.json', { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 2, weather }));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.type).toBe('FeatureCollection');
    expect(
      out.features
        .filter((f: { properties: { type: string } }) => f.properties.type === 'footprint')
        .map((f: { properties: { label: string } }) => f.properties.label),
    ).toEqual(['ERPG-3', 'IDLH', 'ERPG-2']);
    expect(out.parktwin.basis).toMatch(/^Britter–McQuaid dense plume/);
    expect(r.stderr).toMatch(/leak\.json: Britter–McQuaid .*; ERPG-3 [\d.]+ m, IDLH [\d.]+ m, ERPG-2 [\d.]+ m; \d+ protected targets? reached/);
  });
  it('bad scenarios: exit 1 naming the field or the problem; not JSON: exit 2', async () => {
    const bad = await run('scenario', DEMO, file('bad.json', { kind: 'toxic-leak', source: 'T-CHL-01', weather: { ...weather, wind_from_deg: 400 } }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/weather\.wind_from_deg: /);
    expect((await run('scenario', DEMO, file('none.json', { kind: 'toxic-leak', source: 'T-NOPE', weather }))).stderr).toMatch(
      /no installation "T-NOPE" in the layout/,
    );
    expect((await run('scenario', DEMO, file('water.json', { kind: 'toxic-leak', source: 'T-CRU-01', weather }))).stderr).toMatch(
      /crude_oil has no toxic end points/,
    );
    expect((await run('scenario', DEMO, file('text.json', 'leak please'))).code).toBe(2);
  });
});

describe('parktwin risk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-risk-'));
  const file = (name: string, body: unknown) => {
    const f = path.join(dir, name);
    writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
    return f;
  };
  const study = {
    scenarios: [{ id: 'bleve', kind: 'bleve', source: 'T-LPG-01', mass_kg: 50000, frequency_per_yr: 1e-5 }],
    weather: [{ stability: 'D', wind_speed_m_s: 5, probability: 1 }],
    cell_m: 20,
  };
  it('a study on the demo park: iso-risk lines at the GB 36894 levels and every protected target with its limit, as GeoJSON', async () => {
    const r = await run('risk', DEMO, file('study.json', study));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(
      out.features
        .filter((f: { properties: { type: string } }) => f.properties.type === 'iso-risk')
        .map((f: { properties: { level_per_yr: number } }) => f.properties.level_per_yr),
    ).toEqual([3e-7, 3e-6, 1e-5, 3e-5]);
    const targets = out.features.filter((f: { properties: { type: string } }) => f.properties.type === 'target');
    expect(targets).toHaveLength(24);
    expect(targets[0].properties).toMatchObject({
      id: expect.any(String),
      category: expect.any(String),
      risk_per_yr: expect.any(Number),
      limit_per_yr: expect.any(Number),
      ok: expect.any(Boolean),
    });
    expect(out.parktwin.scenarios[0].basis).toMatch(/^BLEVE fireball of 50 t/);
    expect(r.stderr).toMatch(
      /study\.json: iso-risk lines at .* per year; \d+ protected targets? over the GB 36894 limit \(new installations\)(: [\w, -]+)?; societal risk (intolerable|as low as reasonably practicable|acceptable) /,
    );
    // societal risk: the F–N curve against GB 36894's criterion
    expect(out.parktwin.societal).toMatchObject({
      region: expect.stringMatching(/^(intolerable|alarp|acceptable)$/),
      pll_per_yr: expect.any(Number),
      criterion: { intolerable_C: 1e-3, acceptable_C: 1e-5, verified: false },
    });
  });
  it('a study’s own population group adds to the people of societal risk', async () => {
    const [lon, lat] = [117.49, 38.72];
    const base = JSON.parse((await run('risk', DEMO, file('b.json', study))).stdout).parktwin.societal;
    const more = JSON.parse(
      (await run('risk', DEMO, file('p.json', { ...study, population: [{ id: 'plant-B', at_lnglat: [lon, lat], people: 500, radius_m: 100 }] }))).stdout,
    ).parktwin.societal;
    expect(more.people).toBe(base.people + 500);
    const bad = await run('risk', DEMO, file('bp.json', { ...study, population: [{ id: 'plant-B', at_lnglat: [lon, lat], people: -5 }] }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/population\.0\.people: /);
  });
  it('the example study in examples/ runs', async () => {
    const r = await run('risk', DEMO, path.join(import.meta.dirname, '../examples/risk-demo.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).parktwin.scenarios).toHaveLength(6);
  });
  it('bad studies: exit 1 naming the field', async () => {
    const bad = (name: string, body: unknown) => run('risk', DEMO, file(name, body));
    expect((await bad('f.json', { ...study, scenarios: [{ ...study.scenarios[0], frequency_per_yr: -1 }] })).stderr).toMatch(
      /scenarios\.0\.frequency_per_yr: /,
    );
    expect((await bad('w.json', { ...study, weather: [{ stability: 'D', wind_speed_m_s: 5, probability: 0.4 }] })).stderr).toMatch(
      /weather: the probabilities add up to 0\.4, not 1/,
    );
    expect((await bad('s.json', { ...study, status: 'old' })).stderr).toMatch(/status: must be new or existing/);
    const none = await bad('n.json', { ...study, scenarios: [{ ...study.scenarios[0], source: 'T-NOPE' }] });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no installation "T-NOPE"/);
  });
});

describe('the built CLI', () => {
  it('runs from dist-node/ once built (help without loading the commands), the same answers as from source', async () => {
    await promisify(execFile)('node', [path.join(import.meta.dirname, '../scripts/build-node.mjs')]);
    const built = (...args: string[]) =>
      promisify(execFile)(BIN, args, { env: { ...process.env, PARKTWIN_SOURCE: '' } }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const help = await built('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' }); // no "running from source" note: the build is fresh
    expect(help.stdout).toMatch(/^usage: parktwin <command>/);
    expect(await built()).toMatchObject({ code: 2, stdout: '' });
    const fromBuild = await built('major-hazards', DEMO);
    const fromSource = await run('major-hazards', DEMO);
    expect(fromBuild.code).toBe(0);
    expect(fromBuild.stdout).toBe(fromSource.stdout);
    expect(fromBuild.stderr).toBe(fromSource.stderr);
  });
});

describe('parktwin import', () => {
  const EX = path.join(import.meta.dirname, '../examples');
  it('a DXF in CGCS2000 Gauss–Krüger with the example mapping: a valid layout, the report on stderr, exit 0', async () => {
    const out = path.join(tmp, 'imported.geojson');
    const r = await run(
      'import',
      path.join(EX, 'site-plan-cgcs2000.dxf'),
      '--crs',
      'EPSG:4527',
      '--map',
      path.join(EX, 'site-plan-map.json'),
      '--name',
      '示例罐区',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('units: millimetres ($INSUNITS 4); placed by CGCS2000 / 3-degree Gauss-Kruger zone 39 (EPSG:4527)');
    expect(r.stderr).toContain('layer 储罐: 3 entities → 3 tank (mapping)');
    expect(r.stderr).toContain('layer 文字: 6 entities → 6 texts read for names');
    expect(r.stderr).toContain('left out: 1 LINE on DIM: the mapping leaves this layer out');
    expect(r.stderr).toMatch(/imported 9 features \(1 park, 4 tank, 1 dike, 1 building, 1 road, 1 fence\); the layout is valid\n$/);
    expect((await run('validate', out)).code).toBe(0);
  });

  it('without the mapping: the layout written, every missing field named as validate names it, exit 1', async () => {
    const r = await run('import', path.join(EX, 'site-plan-cgcs2000.dxf'), '--crs', 'EPSG:4527');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).features).toHaveLength(9);
    expect(r.stderr).toContain('(stdout): T-101: properties.substance: missing; required for a tank');
    noStackTrace(r.stderr);
  });

  it('a local grid by control points: residuals reported; a bad control point named, exit 1', async () => {
    const r = await run(
      'import',
      path.join(EX, 'site-plan-grid.dxf'),
      '--control',
      path.join(EX, 'site-plan-grid-control.csv'),
      '--map',
      path.join(EX, 'site-plan-map.json'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/control point CP1: residual 0\.00\d m/);
    const bad = path.join(tmp, 'bad-control.csv');
    // CP3's longitude moved by 0.00002° (about 1.7 m east)
    const lines = readFileSync(path.join(EX, 'site-plan-grid-control.csv'), 'utf8').split('\n');
    writeFileSync(
      bad,
      lines
        .map((l) => {
          const c = l.split(',');
          return c[4] === 'CP3' ? [c[0], c[1], (Number(c[2]) + 0.00002).toFixed(9), c[3], c[4]].join(',') : l;
        })
        .join('\n'),
    );
    const b = await run('import', path.join(EX, 'site-plan-grid.dxf'), '--control', bad);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/control point CP3 is [\d.]+ m off the fit \(tolerance 0\.5 m\)/);
  });

  it('an OpenStreetMap extract: kinds by tag, populations estimated by --density, the missing fields named, exit 1', async () => {
    const r = await run('import', path.join(EX, 'park-area.osm'), '--density', '8000');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('guessed: way/1006 (港东社区): population 309 estimated from 0.039 km² at 8000 people/km²');
    expect(r.stderr).toContain('(stdout): T-001: properties.substance: missing; required for a tank');
    expect(JSON.parse(r.stdout).features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'protected_target')).toHaveLength(3);
    const junk = path.join(tmp, 'junk.osm');
    writeFileSync(junk, '<html></html>');
    expect((await run('import', junk)).code).toBe(2);
  });

  it('a KML: folders to kinds, columns to properties by the mapping', async () => {
    const map = path.join(tmp, 'kml-map.json');
    writeFileSync(map, JSON.stringify({ columns: { '直径(m)': 'diameter_m' } }));
    const r = await run('import', path.join(EX, 'park.kml'), '--map', map);
    expect(r.code).toBe(1); // the tanks' inventories and roofs are not in the KML
    expect(r.stderr).toContain('layer 储罐: 2 entities → 2 tank');
    expect(r.stderr).toContain('left out: 1 Point on 标注: the folder maps to no kind (add it to --map)');
    const t = JSON.parse(r.stdout).features.find((f: { properties: { id: string } }) => f.properties.id === 'T-101');
    expect(t.properties).toMatchObject({ diameter_m: 30, substance: 'gasoline' });
  });

  it('a Shapefile with its .dbf, .prj and .cpg beside it: the tanks placed by the .prj, columns mapped', async () => {
    const map = path.join(tmp, 'shp-map.json');
    writeFileSync(map, JSON.stringify({ columns: { DIAM: 'diameter_m' } }));
    const r = await run('import', path.join(EX, 'tanks.shp'), '--map', map);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('units: text encoding UTF-8; placed by CGCS2000 / 3-degree Gauss-Kruger CM 117E (custom)');
    expect(r.stderr).toContain('layer tanks: 3 entities → 3 tank');
    const t = JSON.parse(r.stdout).features.find((f: { properties: { id: string } }) => f.properties.id === 'T-203');
    expect(t.properties).toMatchObject({ name: '5号罐', diameter_m: 28.5 });
  });

  it('usage errors, unreadable files and unknown CRSs: exit 2 with one line', async () => {
    const cases: [string[], RegExp][] = [
      [['import', path.join(EX, 'site-plan-grid.dxf'), '--crs', 'EPSG:1234'], /unknown CRS EPSG:1234/],
      [['import', path.join(tmp, 'nope.dxf'), '--crs', 'EPSG:4527'], /cannot read \(ENOENT\)/],
      [['import', DEMO], /a GeoJSON layout needs no import: check it with parktwin validate/],
      [['import', path.join(EX, 'site-plan-grid.dxf'), '--tolerance=-1'], /--tolerance must be a positive number/],
    ];
    for (const [args, msg] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      noStackTrace(r.stderr);
    }
    const junk = path.join(tmp, 'junk.dxf');
    writeFileSync(junk, 'this is no drawing');
    const j = await run('import', junk, '--crs', 'EPSG:4527');
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/not a readable DXF file/);
  });
});
