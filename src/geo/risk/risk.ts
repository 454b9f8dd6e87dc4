/**
 * Individual risk round a park (pure): the yearly chance of death of someone who stays at a place,
 *
 *   IR(x) = Σ_scenarios f · Σ_weather P(w) · Σ_directions P(d) · P(death | scenario, w, d, x)
 *
 * (CCPS, Guidelines for Chemical Process Quantitative Risk Analysis, 2nd ed., §4.4; TNO Purple
 * Book CPR 18E, ch. 6), with P(death) from the emergency engine's scenario models and probits.
 * The scenarios and their yearly frequencies are the user's (a QRA's loss-of-containment events
 * and ignition probabilities, folded into one frequency per outcome), as are the weather classes
 * and the wind rose. Contours at GB 36894-2018's limits and a check of every protected target
 * against the limit of its category.
 */
import { isolines } from '@turf/isolines';
import { featureCollection, point } from '@turf/helpers';
import type { ModelFeature, ParkModel } from '../../model/model.ts';
import type { Gb36894Category } from '../../model/enums.ts';
import { lethality, type Scenario } from './emergency.ts';
import type { Stability } from '../hazards/dispersion.ts';
import type { Note } from '../notes.ts';
import type { XY } from '../primitives/planar.ts';

/** A scenario with the yearly frequency of its outcome (the release and, for fires and explosions, its ignition). */
export type RiskScenario = Omit<Scenario, 'weather' | 'elapsed_s'> & { id: string; frequency_per_yr: number };

export interface RiskWeather {
  stability: Stability;
  wind_speed_m_s: number;
  /** Share of the time in this class; the classes' shares add up to 1. */
  probability: number;
}

export interface RiskInput {
  scenarios: RiskScenario[];
  weather: RiskWeather[];
  /** Share of the time the wind blows from each of N equal sectors, the first centred on north, clockwise; adds up to 1. Default: the same from everywhere (12 sectors). */
  wind_rose?: number[];
  /**
   * Exposure for the probits, s. Defaults: 1 800 s of a toxic cloud and 20 s of heat, the TNO Purple
   * Book's (CPR 18E §5.3, as commonly applied; unverified here) — a fireball counts its own duration.
   */
  exposure?: { toxic_s?: number; thermal_s?: number };
  /** Directions each wind sector is split into, evenly (smooths the spokes of narrow plumes). */
  directions_per_sector?: number;
}

export const DEFAULT_EXPOSURE = { toxic_s: 1800, thermal_s: 20 } as const;

/**
 * GB 36894-2018, Table 1: the individual risk a protected target may bear, per year, near new and
 * existing hazardous installations. Verified against the 2014 predecessor (same values); the 2018
 * table's layout was not seen here, hence `verified: false`.
 */
export const GB36894_LIMITS: Record<Gb36894Category, { new_per_yr: number; existing_per_yr: number }> = {
  high_sensitivity: { new_per_yr: 3e-7, existing_per_yr: 3e-6 },
  important: { new_per_yr: 3e-7, existing_per_yr: 3e-6 },
  general_1: { new_per_yr: 3e-7, existing_per_yr: 3e-6 },
  general_2: { new_per_yr: 3e-6, existing_per_yr: 1e-5 },
  general_3: { new_per_yr: 1e-5, existing_per_yr: 3e-5 },
};
export const GB36894_SOURCE = { source: 'GB 36894-2018 Table 1 (values as in GB 36894-2014)', verified: false } as const;

/**
 * A scenario in one weather class is left out where it adds less than this to the risk, per year
 * (a thousandth of the lowest GB 36894 limit): it bounds the maps, not the results that matter.
 */
export const NEGLIGIBLE_PER_YR = 3e-10;

/** The contour levels drawn: the limits of GB 36894-2018, per year. */
export const RISK_LEVELS_PER_YR = [3e-7, 3e-6, 1e-5, 3e-5] as const;

/** Invalid risk input: `field` names what is wrong. */
export class RiskInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

interface Term {
  scenario: RiskScenario;
  /** Index of its weather class. */
  weather: number;
  /** The same at every bearing (a blast, a fireball): no sum over directions needed. */
  radial: boolean;
  weight: number;
  src: XY;
  /** Beyond this distance from the source the term adds less than NEGLIGIBLE_PER_YR in every direction. */
  reach_m: number;
  /** P(death) with the wind from the north, at a place in local metres. */
  at: (xy: XY) => number;
}

export interface RiskModel {
  /** Individual risk at a place, per year: the sum over every scenario, weather class and direction. */
  at(xy: XY): number;
  /** The same read off tables round each source (built on first use): for maps of many places. */
  field(xy: XY): number;
  /**
   * Every outcome — a scenario in a weather class with the wind from one direction (blasts and
   * fireballs: one outcome for all directions) — with its yearly frequency and the expected deaths
   * among `people` (Σ n · P(death) at their places, everyone out of doors); outcomes that kill
   * nobody are left out. What societal risk (F–N) is built from.
   */
  outcomes(people: readonly { xy: XY; n: number; group?: string }[]): RiskOutcome[];
  /** The basis of each scenario, by id. */
  bases: { id: string; basis: Note; warnings: Note[] }[];
  /** Where risk can be: the sources' bounding box grown by their reach, local metres [xmin, ymin, xmax, ymax]. */
  extent: [number, number, number, number];
}

export interface RiskOutcome {
  scenario: string;
  weather: number;
  /** Where the wind blows from, degrees clockwise from north; null for blasts and fireballs (any wind). */
  from_deg: number | null;
  frequency_per_yr: number;
  /** Expected deaths: Σ n · P(death). */
  deaths: number;
  /** The same by group of people (a protected target, a study's group), where the people carry one. */
  by_group: Record<string, number>;
}

function check(input: RiskInput): void {
  if (!input.scenarios.length) throw new RiskInputError('scenarios', 'at least one');
  input.scenarios.forEach((s, i) => {
    if (!(s.frequency_per_yr > 0)) throw new RiskInputError(`scenarios.${i}.frequency_per_yr`, 'must be a frequency per year above 0');
  });
  if (!input.weather.length) throw new RiskInputError('weather', 'at least one class');
  const pw = input.weather.reduce((a, w) => a + w.probability, 0);
  if (Math.abs(pw - 1) > 1e-6) throw new RiskInputError('weather', `the probabilities add up to ${pw}, not 1`);
  if (input.wind_rose) {
    const pr = input.wind_rose.reduce((a, p) => a + p, 0);
    if (input.wind_rose.some((p) => p < 0) || Math.abs(pr - 1) > 1e-6)
      throw new RiskInputError('wind_rose', `shares must be ≥ 0 and add up to 1 (they add up to ${pr})`);
  }
}

/** The wind directions (from, degrees clockwise from north) and their shares of the time. */
export function windDirections(rose: readonly number[] = Array(12).fill(1 / 12), perSector = 5): { from_deg: number; p: number }[] {
  const n = rose.length;
  const width = 360 / n;
  return rose
    .flatMap((p, i) =>
      Array.from({ length: perSector }, (_, k) => ({
        from_deg: (((i * width - width / 2 + ((k + 0.5) * width) / perSector) % 360) + 360) % 360,
        p: p / perSector,
      })),
    )
    .filter((d) => d.p > 0);
}

/** Builds the risk sum: one scenario model per scenario and weather class (the wind's direction only turns it). */
export function individualRisk(model: ParkModel, input: RiskInput): RiskModel {
  check(input);
  const exposure = { ...DEFAULT_EXPOSURE, ...input.exposure };
  const dirs = windDirections(input.wind_rose, input.directions_per_sector ?? 5);
  const terms: Term[] = [];
  const bases: RiskModel['bases'] = [];
  for (const sc of input.scenarios) {
    input.weather.forEach((w, k) => {
      const l = lethality(model, { ...sc, weather: { wind_speed_m_s: w.wind_speed_m_s, wind_from_deg: 0, stability: w.stability } }, exposure);
      if (k === 0) bases.push({ id: sc.id, basis: l.basis, warnings: l.warnings });
      const src = l.src;
      // how far it matters: until its share of the risk is below NEGLIGIBLE_PER_YR — downwind
      // (south, the wind being from the north) is the furthest
      const weight = sc.frequency_per_yr * w.probability;
      const cut = NEGLIGIBLE_PER_YR / weight;
      let reach = 1;
      let nil = 0;
      for (let r = 1; r < 100_000 && nil < 8; r *= 1.15) {
        const p = Math.max(l.at([src[0], src[1] - r]), l.at([src[0] + r, src[1]]), l.at([src[0], src[1] + r]));
        if (p > cut) [reach, nil] = [r * 1.15, 0];
        else nil++;
      }
      terms.push({ scenario: sc, weather: k, radial: sc.kind === 'vce' || sc.kind === 'bleve', weight, src, reach_m: reach, at: l.at });
    });
  }
  // the field of a wind from d at xy is that of a wind from the north at xy turned by d
  // (bearings clockwise: counter-clockwise in east/north)
  const turned = (t: Term, d: { from_deg: number }, ex: number, ny: number): number => {
    const a = (d.from_deg * Math.PI) / 180;
    const c = Math.cos(a);
    const s = Math.sin(a);
    return t.at([t.src[0] + ex * c - ny * s, t.src[1] + ex * s + ny * c]);
  };
  const at = (xy: XY) => {
    let ir = 0;
    for (const t of terms) {
      const ex = xy[0] - t.src[0];
      const ny = xy[1] - t.src[1];
      if (Math.hypot(ex, ny) > t.reach_m) continue;
      let sum = 0;
      if (t.radial) sum = t.at(xy);
      else for (const d of dirs) sum += d.p * turned(t, d, ex, ny);
      ir += t.weight * sum;
    }
    return ir;
  };
  const outcomes = (people: readonly { xy: XY; n: number; group?: string }[]): RiskOutcome[] => {
    const out: RiskOutcome[] = [];
    for (const t of terms) {
      const near = people.filter((p) => Math.hypot(p.xy[0] - t.src[0], p.xy[1] - t.src[1]) <= t.reach_m);
      if (!near.length) continue;
      const each = t.radial ? [null] : dirs;
      for (const d of each) {
        let deaths = 0;
        const byGroup: Record<string, number> = {};
        for (const p of near) {
          const k = p.n * (d ? turned(t, d, p.xy[0] - t.src[0], p.xy[1] - t.src[1]) : t.at(p.xy));
          deaths += k;
          if (k > 0 && p.group !== undefined) byGroup[p.group] = (byGroup[p.group] ?? 0) + k;
        }
        if (deaths > 0)
          out.push({
            scenario: t.scenario.id,
            weather: t.weather,
            from_deg: d ? d.from_deg : null,
            frequency_per_yr: t.weight * (d ? d.p : 1),
            deaths,
            by_group: byGroup,
          });
      }
    }
    return out;
  };
  const xs = terms.flatMap((t) => [t.src[0] - t.reach_m, t.src[0] + t.reach_m]);
  const ys = terms.flatMap((t) => [t.src[1] - t.reach_m, t.src[1] + t.reach_m]);
  let fields: ((xy: XY) => number)[] | null = null;
  const field = (xy: XY) => {
    fields ??= terms.map((t) => polarField(t, dirs));
    let ir = 0;
    for (let k = 0; k < terms.length; k++) ir += terms[k].weight * fields[k](xy);
    return ir;
  };
  return { at, field, outcomes, bases, extent: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}

/**
 * A term's chance of death summed over the wind directions, tabulated once round its source — on
 * radii 1 % apart out to its reach (so that where a model's result jumps — a plume's end, a switch of
 * regime — a contour read off the table is within 1 % of its distance of the full sum's) and bearings
 * every ¼° (1° for fires; one bearing for blasts and fireballs) — and read off by bilinear interpolation (in log radius and bearing): the sum over the
 * rose becomes a sum over the table's bearings instead of a scenario model per place and direction.
 */
function polarField(t: Term, dirs: readonly { from_deg: number; p: number }[]): (xy: XY) => number {
  const r0 = 0.5;
  const growth = 1.01;
  const nr = Math.max(2, Math.ceil(Math.log(t.reach_m / r0) / Math.log(growth)) + 1);
  const nb = t.radial ? 1 : t.scenario.kind === 'pool-fire' ? 360 : 1440;
  const db = (2 * Math.PI) / nb;
  // g: the chance of death with the wind from the north, at radius k and math angle j·db
  const g = new Float64Array(nr * nb);
  const cos = Float64Array.from({ length: nb }, (_, j) => Math.cos(j * db));
  const sin = Float64Array.from({ length: nb }, (_, j) => Math.sin(j * db));
  for (let k = 0; k < nr; k++) {
    const r = r0 * growth ** k;
    for (let j = 0; j < nb; j++) g[k * nb + j] = t.at([t.src[0] + r * cos[j], t.src[1] + r * sin[j]]);
  }
  // G: summed over the directions; a wind from d turns the field by d (counter-clockwise in east/north):
  // G[j] = Σ_d p_d · ((1 − f_d) g[j + j0_d] + f_d g[j + j0_d + 1]), added from the places where g is not
  // zero (a plume is a narrow wedge: most of g is), each spread to the two bearings it is read at
  let G = g;
  if (!t.radial) {
    G = new Float64Array(nr * nb);
    // a chance of death that adds less than a thousandth of NEGLIGIBLE_PER_YR in any direction is none
    // (the Gaussian tails of a plume reach round half the circle, a million times below any level)
    const tiny = (NEGLIGIBLE_PER_YR / t.weight) * 1e-3;
    const shifts = dirs.map((d) => {
      const shift = (d.from_deg * Math.PI) / 180 / db;
      const j0 = Math.floor(shift);
      return { j0, f: shift - j0, p: d.p };
    });
    for (let k = 0; k < nr; k++) {
      const row = k * nb;
      for (let i = 0; i < nb; i++) {
        const v = g[row + i];
        if (v < tiny) continue;
        for (const { j0, f, p } of shifts) {
          const j = (((i - j0) % nb) + nb) % nb; // read as a (weight 1 − f) at bearing j, as b (weight f) at j − 1
          G[row + j] += p * (1 - f) * v;
          G[row + (j === 0 ? nb - 1 : j - 1)] += p * f * v;
        }
      }
    }
  }
  const lnG = Math.log(growth);
  return (xy) => {
    const ex = xy[0] - t.src[0];
    const ny = xy[1] - t.src[1];
    const r = Math.hypot(ex, ny);
    if (r > t.reach_m) return 0;
    const kf = Math.max(0, Math.log(Math.max(r, r0) / r0) / lnG);
    const k0 = Math.min(nr - 2, Math.floor(kf));
    const fk = Math.min(1, kf - k0);
    if (nb === 1) return G[k0] + fk * (G[k0 + 1] - G[k0]);
    const jf = (((Math.atan2(ny, ex) / db) % nb) + nb) % nb;
    const j0 = Math.floor(jf) % nb;
    const j1 = (j0 + 1) % nb;
    const fj = jf - Math.floor(jf);
    const v0 = G[k0 * nb + j0] + fj * (G[k0 * nb + j1] - G[k0 * nb + j0]);
    const v1 = G[(k0 + 1) * nb + j0] + fj * (G[(k0 + 1) * nb + j1] - G[(k0 + 1) * nb + j0]);
    return v0 + fk * (v1 - v0);
  };
}

/**
 * The risk on a regular grid (cells of `cell_m`, made larger if the grid would pass `maxCells`)
 * over the box where it is at least `floor_per_yr`, row by row from the south-west, read off the
 * tabulated field.
 */
export function riskGrid(
  risk: RiskModel,
  cell_want_m: number,
  maxCells = 250_000,
  floor_per_yr = RISK_LEVELS_PER_YR[0] / 10,
): { x0: number; y0: number; cell_m: number; nx: number; ny: number; values: Float64Array } {
  // first a coarse look over everything a scenario can reach, for the box where the risk is at
  // least a tenth of the lowest level (a steady plume of a big release reaches far, thinly)
  const [X0, Y0, X1, Y1] = risk.extent;
  const n = 200;
  const cx = (X1 - X0) / n;
  const cy = (Y1 - Y0) / n;
  let box: [number, number, number, number] | null = null;
  for (let j = 0; j <= n; j++)
    for (let i = 0; i <= n; i++) {
      const x = X0 + i * cx;
      const y = Y0 + j * cy;
      if (risk.field([x, y]) < floor_per_yr) continue;
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    }
  const [x0, y0, x1, y1] = box
    ? [Math.max(X0, box[0] - cx), Math.max(Y0, box[1] - cy), Math.min(X1, box[2] + cx), Math.min(Y1, box[3] + cy)]
    : [X0, Y0, X0 + cell_want_m, Y0 + cell_want_m];
  const cell_m = Math.max(cell_want_m, Math.sqrt(((x1 - x0) * (y1 - y0)) / maxCells));
  const nx = Math.max(2, Math.ceil((x1 - x0) / cell_m) + 1);
  const ny = Math.max(2, Math.ceil((y1 - y0) / cell_m) + 1);
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = risk.field([x0 + i * cell_m, y0 + j * cell_m]);
  return { x0, y0, cell_m, nx, ny, values };
}

/**
 * Iso-risk lines of the grid at `levels` (per year), in local metres: turf's isolines over log10 of
 * the risk (risk spans decades; linear interpolation between cells is made on its logarithm).
 */
export function riskContours(
  grid: ReturnType<typeof riskGrid>,
  levels: readonly number[] = RISK_LEVELS_PER_YR,
): { level_per_yr: number; lines: [number, number][][] }[] {
  const pts = [];
  for (let j = 0; j < grid.ny; j++)
    for (let i = 0; i < grid.nx; i++)
      pts.push(point([grid.x0 + i * grid.cell_m, grid.y0 + j * grid.cell_m], { log: Math.log10(Math.max(grid.values[j * grid.nx + i], 1e-30)) }));
  const fc = isolines(
    featureCollection(pts),
    levels.map((l) => Math.log10(l)),
    { zProperty: 'log' },
  );
  return fc.features.map((f, k) => ({
    level_per_yr: levels[k],
    lines: f.geometry.coordinates.map((line) => line.map((p) => [p[0], p[1]] as [number, number])),
  }));
}

/** Every protected target against its GB 36894 limit: the highest risk on its outline or at its point. */
export function checkTargets(
  model: ParkModel,
  risk: RiskModel,
  status: 'new' | 'existing' = 'new',
): { id: string; category: Gb36894Category; risk_per_yr: number; limit_per_yr: number; ok: boolean }[] {
  return model.ofKind('protected_target').map((t: ModelFeature) => {
    const category = (t.props as { gb36894_category: Gb36894Category }).gb36894_category;
    const pts: XY[] = t.local.type === 'Polygon' ? [t.anchor, ...t.local.rings[0]] : [t.anchor];
    const ir = Math.max(...pts.map((p) => risk.at([p[0], p[1]])));
    const limit = GB36894_LIMITS[category][status === 'new' ? 'new_per_yr' : 'existing_per_yr'];
    return { id: t.id, category, risk_per_yr: ir, limit_per_yr: limit, ok: ir <= limit };
  });
}
