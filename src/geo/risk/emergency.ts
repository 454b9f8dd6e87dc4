/**
 * Emergency scenarios on the park (pure): a leak, pool fire, VCE or BLEVE at an installation or a
 * place in the current weather — its hazard footprints, the threat at a point now and over time, and
 * the lethality a risk sum needs. Who and what the footprints reach and the evacuation routes are in
 * assess.ts; the road graph in ../roads.ts. Local metres (east, north) throughout.
 */
import type { ModelFeature, ParkModel } from '../../model/model.ts';
import { findSubstance } from '../../data/substances.ts';
import { localToPlume, plumeFootprint, plumeConcentration, plumeToLocal, ppmToGm3, gm3ToPpm, type SigmaSet, type Stability } from '../hazards/dispersion.ts';
import { ATM_PA, CD_SHARP_EDGED, flashFraction, gasDischarge, liquidDischarge } from '../hazards/discharge.ts';
import { britterMcQuaidPlume, densePlumeFootprint, gasDensity_kg_m3 } from '../hazards/denseGas.ts';
import { distanceToOverpressure_m, overpressure_kPa, scaledDistance, tntMass_kg, type BlastCurve } from '../hazards/explosion.ts';
import { distanceToFlux_m, fireball, fireballFlux, fluxContour, poolFireFluxInWind, poolFireInWind, type PoolFireSet } from '../hazards/fire.ts';
import { eisenbergThermal, lungHaemorrhage, probability, toxicProbit } from '../hazards/probit.ts';
import { hazardSubstance, type HazardSubstance } from '../hazards/substances.ts';
import { AMBIENT_K } from '../hazards/constants.ts';
import { note, type Note } from '../notes.ts';
import { clipRingHalfPlane, pointInPolygon, type XY } from '../primitives/planar.ts';

/** Speed of a fire engine or response team on the park's roads, km/h — an assumption for the drive times, not a standard's value. */
export const RESPONSE_SPEED_KM_H = 30;

export { AMBIENT_K };

export type ScenarioKind = 'toxic-leak' | 'flammable-leak' | 'pool-fire' | 'vce' | 'bleve';
export const SCENARIO_KINDS: readonly ScenarioKind[] = ['toxic-leak', 'flammable-leak', 'pool-fire', 'vce', 'bleve'];

/** A leak (toxic or flammable): a release that goes on, travels with the wind and can be shut off. */
export const isLeak = (kind: string): boolean => kind === 'toxic-leak' || kind === 'flammable-leak';

export interface Weather {
  wind_speed_m_s: number;
  wind_from_deg: number;
  stability: Stability;
}

export interface Scenario {
  kind: ScenarioKind;
  /** The installation where it happens (its substance and inventory are used); '' for a release at `at`. */
  source: string;
  /** Where it happens instead, local metres (anywhere clicked); the substance then comes from `substance`, or the installation's. */
  at?: [number, number];
  /** The substance released, overriding the installation's (required at a place with no installation). */
  substance?: string;
  weather: Weather;
  /** Leak rate, kg/s (leaks); without it, from `hole_mm`, else 1 kg/s. */
  rate_kg_s?: number;
  /** A leak through a hole of this diameter, mm: the rate from the discharge models (`source_term`). */
  hole_mm?: number;
  /**
   * Pressure driving the leak over the outside, kPa (gauge). Default: a liquefied gas's own vapour
   * pressure at 20 °C, else the installation's design pressure, else atmospheric.
   */
  gauge_pressure_kPa?: number;
  /** Height of liquid above the hole, m (liquid leaks); default 0. */
  head_m?: number;
  /** Pool diameter, m (pool fire); default the tank's diameter (a fire over its whole surface, on its roof), else 20 m. */
  diameter_m?: number;
  /** The pool fire's correlation set (src/geo/hazards/fire.ts): `ccps` (default) or `tno-yellow-book`. */
  fire_correlations?: PoolFireSet;
  /** Mass in the cloud or the fireball, kg (VCE, BLEVE); default from the inventory. */
  mass_kg?: number;
  sigma?: SigmaSet;
  /**
   * Seconds since a leak began: its footprints end at the plume's front, u·t downwind (a
   * walkthrough of how it spreads); absent, the steady state. Fires and blasts are there at once.
   */
  elapsed_s?: number;
  /**
   * How long a leak lasted, s (it was shut off then): with `elapsed_s` past it, the cloud's tail
   * follows its front downwind and the ground behind the tail is clear again. Absent, it goes on.
   */
  release_s?: number;
}

export interface Footprint {
  /** 1 most severe. */
  level: 1 | 2 | 3;
  /** What the threshold is (ERPG-3, LEL, 12.5 kW/m² …). */
  label: string;
  threshold: number;
  unit: string;
  reach_m: number;
  /** Closed ring, local metres. */
  ring: [number, number][];
}

export interface ScenarioResult {
  scenario: Scenario;
  substance: string;
  /** The model and correlation set used, named. */
  basis: Note;
  /** Warnings: dense gas outside the Gaussian model's validity, missing data … */
  warnings: Note[];
  source_xy: [number, number];
  footprints: Footprint[];
  /** Where a leak's front is after `scenario.elapsed_s`, m downwind; null in the steady state and for fires and blasts. */
  front_m: number | null;
  /** Where the tail of a leak that was shut off is, m downwind (behind it the air is clear); null while it goes on. */
  tail_m: number | null;
  /** What burns, to be drawn: a pool fire's flame or a fireball (local metres; heights above the ground). */
  shape: FireShape | null;
  /** How the leak rate was found from the hole (discharge model, pressure and its origin); null when given. */
  release: Note | null;
}

export type FireShape =
  /** A cylinder of flame on its base circle, leaning `tilt_rad` from the vertical towards the bearing `downwind_deg` (clockwise from north). */
  | { kind: 'flame'; centre: [number, number]; base_m: number; diameter_m: number; length_m: number; tilt_rad: number; downwind_deg: number }
  | { kind: 'fireball'; centre: [number, number]; height_m: number; diameter_m: number };

/** A scenario that cannot be modelled; `note` words it for the UI. */
export class ScenarioError extends Error {
  constructor(readonly note: Note) {
    super(note.text);
  }
}

const circle = (c: readonly [number, number], r: number, n = 64): [number, number][] =>
  Array.from({ length: n + 1 }, (_, i) => [c[0] + r * Math.cos((2 * Math.PI * i) / n), c[1] + r * Math.sin((2 * Math.PI * i) / n)] as [number, number]);

function installationOf(model: ParkModel, id: string): ModelFeature {
  const f = model.byId.get(id);
  if (!f) throw new ScenarioError(note('noInstallation', { id }));
  return f;
}

function substanceOf(raw: string | undefined, where: string): { id: string; data: HazardSubstance } {
  if (!raw) throw new ScenarioError(note('noSubstance', { id: where }));
  const id = findSubstance(raw)?.id ?? raw;
  const data = hazardSubstance(id);
  if (!data) throw new ScenarioError(note('noConsequenceData', { substance: raw, id: where }));
  return { id, data };
}

/**
 * A leak's rate: as given; else through a hole of `hole_mm` by the discharge models — a gas kept
 * compressed (one with γ) as an ideal gas at 20 °C, anything else as a liquid (Bernoulli) with the
 * share that flashes when it is a liquefied gas; else 1 kg/s.
 */
function sourceTerm(sc: Scenario, f: ModelFeature | null, data: HazardSubstance): { rate: number; release: Note | null } {
  if (sc.rate_kg_s !== undefined || sc.hole_mm === undefined) return { rate: sc.rate_kg_s ?? 1, release: null };
  const design = (f?.props as { design_pressure_kPa?: number } | undefined)?.design_pressure_kPa;
  const [p_kPa, from] =
    sc.gauge_pressure_kPa !== undefined
      ? [sc.gauge_pressure_kPa, 'given']
      : data.vapourPressure20C_kPa !== undefined
        ? [data.vapourPressure20C_kPa - ATM_PA / 1000, 'vapour']
        : design !== undefined
          ? [Math.max(0, design), 'design']
          : [0, 'atmospheric'];
  const hole_m = sc.hole_mm / 1000;
  const common = { hole: sc.hole_mm, p: Math.round(p_kPa), from, fromText: PRESSURE_FROM[from] };
  if (data.gamma !== undefined) {
    const g = gasDischarge({
      hole_diameter_m: hole_m,
      pressure_Pa: p_kPa * 1000 + ATM_PA,
      temperature_K: AMBIENT_K,
      molarMass_g_mol: data.molarMass_g_mol,
      gamma: data.gamma,
    });
    return {
      rate: Math.max(g.rate_kg_s, 1e-6),
      release: note(g.choked ? 'releaseGasChoked' : 'releaseGas', { ...common, rate: round3(g.rate_kg_s), cd: CD_SHARP_EDGED }),
    };
  }
  const l = liquidDischarge({ hole_diameter_m: hole_m, gauge_pressure_Pa: p_kPa * 1000, head_m: sc.head_m ?? 0, density_kg_m3: data.liquidDensity_kg_m3 });
  // a liquefied gas under its own pressure is at ambient temperature; a refrigerated one at its boiling point
  const stored_K = data.vapourPressure20C_kPa !== undefined ? AMBIENT_K : Math.min(AMBIENT_K, data.boilingPoint_K);
  const flash = flashFraction({ temperature_K: stored_K, boilingPoint_K: data.boilingPoint_K, cp_kJ_kgK: data.cp_kJ_kgK, dHv_kJ_kg: data.dHv_kJ_kg });
  return {
    rate: Math.max(l.rate_kg_s, 1e-6),
    release: note('releaseLiquid', { ...common, head: sc.head_m ?? 0, rate: round3(l.rate_kg_s), cd: CD_SHARP_EDGED, flash: Math.round(flash * 100) }),
  };
}

const round3 = (v: number) => Number(v.toPrecision(3));
const PRESSURE_FROM: Record<string, string> = {
  given: 'given',
  vapour: 'its vapour pressure at 20 °C',
  design: 'the design pressure',
  atmospheric: 'atmospheric: none given',
};

/**
 * A scenario turned into its model: the thresholds (most severe first), the footprint of each, and
 * the modelled value anywhere — one place for the inputs and defaults, shared by the footprints and
 * the threat at a point.
 */
interface ScenarioModel {
  substance: string;
  src: [number, number];
  basis: Note;
  warnings: Note[];
  unit: string;
  levels: { label: string; threshold: number }[];
  /** Reach and ring of the area above a threshold; null when it is never reached. */
  footprint(threshold: number): { reach_m: number; ring: [number, number][] } | null;
  /** The modelled value at a point (ppm at 1.5 m, kW/m², kPa). */
  valueAt(xy: XY): number;
  /** How the harm builds at a point over time: when it arrives and how the probability of death is found. */
  harm: Harm;
  shape?: FireShape;
  release?: Note;
}

/** `arrival(xy)` s after the start the value at xy holds; `death(value, t_s)` from the probit named by `probit`. */
interface Harm {
  probit: 'toxic' | 'eisenberg-thermal' | 'lung-haemorrhage' | null;
  arrival(xy: XY): number;
  /** Exposure time counted by the probit, for an exposure that began `t_s` s ago (fireballs stop burning). */
  exposure(t_s: number): number;
  death(value: number, exposure_s: number): number | null;
}

function scenarioModel(model: ParkModel, sc: Scenario): ScenarioModel {
  const f = sc.source || !sc.at ? installationOf(model, sc.source) : null;
  if (!f && !sc.substance) throw new ScenarioError(note('placeNeedsSubstance'));
  const where = f?.id ?? `(${sc.at![0].toFixed(0)}, ${sc.at![1].toFixed(0)})`;
  const { id: substance, data } = substanceOf(sc.substance ?? (f?.props as { substance?: string } | undefined)?.substance, where);
  const src: [number, number] = sc.at ? [sc.at[0], sc.at[1]] : [f!.anchor[0], f!.anchor[1]];
  const warnings: Note[] = [];
  const inventory_kg = ((f?.props as { inventory_t?: number } | undefined)?.inventory_t ?? 0) * 1000;
  const w = sc.weather;
  const dist = (xy: XY) => Math.hypot(xy[0] - src[0], xy[1] - src[1]);
  const radial = (reach: (threshold: number) => number | null) => (threshold: number) => {
    const r = reach(threshold);
    return r === null ? null : { reach_m: r, ring: circle(src, r) };
  };
  if (isLeak(sc.kind)) {
    const sigma = sc.sigma ?? 'ccps';
    const { rate, release } = sourceTerm(sc, f, data);
    const p = { q_g_s: rate * 1000, u_m_s: Math.max(0.5, w.wind_speed_m_s), h_m: 0, stability: w.stability, sigma };
    const levels: { label: string; threshold: number }[] = [];
    if (sc.kind === 'toxic-leak') {
      if (!data.toxic) throw new ScenarioError(note('notToxic', { substance }));
      if (data.toxic.erpg3_ppm) levels.push({ label: 'ERPG-3', threshold: data.toxic.erpg3_ppm });
      if (data.toxic.idlh_ppm && data.toxic.idlh_ppm !== data.toxic.erpg3_ppm) levels.push({ label: 'IDLH', threshold: data.toxic.idlh_ppm });
      if (data.toxic.erpg2_ppm) levels.push({ label: 'ERPG-2', threshold: data.toxic.erpg2_ppm });
      levels.sort((a, b) => b.threshold - a.threshold);
    } else {
      if (!data.lel_vol_pct) throw new ScenarioError(note('notFlammable', { substance }));
      levels.push({ label: 'LEL', threshold: data.lel_vol_pct * 1e4 }, { label: '½ LEL', threshold: data.lel_vol_pct * 5e3 });
    }
    const toLocal = plumeToLocal(w.wind_from_deg, src);
    const toPlume = localToPlume(w.wind_from_deg, src);
    // the front of the plume travels with the wind; a toxic load Cⁿ t (ppm, min) builds from then on
    const probitK = sc.kind === 'toxic-leak' ? data.probit : undefined;
    const harm: Harm = {
      probit: probitK ? 'toxic' : null,
      arrival: (xy) => {
        const x = toPlume([xy[0], xy[1]])[0];
        return x > 0 ? x / p.u_m_s : 0;
      },
      exposure: (t) => t,
      death: (ppm, t) => (probitK && ppm > 0 && t > 0 ? probability(toxicProbit(probitK, ppm, t / 60)) : probitK ? 0 : null),
    };
    // A dense release (by the Britter–McQuaid criterion) gets the dense-gas model; the vapour leaves
    // a liquefied gas at its boiling point, a liquid's evaporates at ambient temperature.
    const t0 = Math.min(data.boilingPoint_K, AMBIENT_K);
    const rho = gasDensity_kg_m3(data.molarMass_g_mol, t0);
    const dense = britterMcQuaidPlume({
      rate_kg_s: rate,
      source_density_kg_m3: rho,
      source_temperature_K: t0,
      ambient_temperature_K: AMBIENT_K,
      u10_m_s: p.u_m_s,
      passive: { stability: w.stability, sigma, molarMass_g_mol: data.molarMass_g_mol },
    });
    const leakModel = (
      basis: Note,
      outline: (ppm: number) => { reach_m: number; outline: [number, number][] } | null,
      valueAt: (x: number, y: number) => number,
    ): ScenarioModel => ({
      ...(release ? { release } : {}),
      substance,
      src,
      warnings,
      unit: 'ppm',
      levels,
      basis,
      footprint: (ppm) => {
        const fp = outline(ppm);
        return fp ? { reach_m: fp.reach_m, ring: [...fp.outline.map((q) => toLocal(q)), toLocal(fp.outline[0])] } : null;
      },
      valueAt: (xy) => valueAt(...toPlume([xy[0], xy[1]])),
      harm,
    });
    if (dense.dense) {
      if (!dense.alphaInRange) warnings.push(note('denseOutOfRange', { alpha: dense.alpha.toFixed(2) }));
      return leakModel(
        note('densePlume', {
          rate: round3(rate),
          t0: t0.toFixed(0),
          rho: rho.toFixed(2),
          speed: w.wind_speed_m_s,
          dir: w.wind_from_deg,
          xt: dense.transition_m.toFixed(0),
          sigma,
          stability: w.stability,
        }),
        (ppm) => densePlumeFootprint(dense, ppm * 1e-6),
        (x, y) => dense.at(x, y) * 1e6,
      );
    }
    if (data.denseGas) warnings.push(note('denseGas', { substance }));
    return leakModel(
      note('plume', { rate: round3(rate), sigma, stability: w.stability, speed: w.wind_speed_m_s, dir: w.wind_from_deg }),
      (ppm) => {
        const fp = plumeFootprint(p, ppmToGm3(ppm, data.molarMass_g_mol));
        return fp.reach_m === null || fp.outline.length < 3 ? null : { reach_m: fp.reach_m, outline: fp.outline };
      },
      (x, y) => gm3ToPpm(plumeConcentration(p, { x_m: x, y_m: y, z_m: 1.5 }).c_g_m3, data.molarMass_g_mol),
    );
  }
  if (!data.dHc_kJ_kg) throw new ScenarioError(note('doesNotBurn', { substance }));
  const fluxLevels = [37.5, 12.5, 4].map((q) => ({ label: `${q} kW/m²`, threshold: q }));
  // heat: Eisenberg's probit on the dose t q^{4/3} from the start (q in W/m²)
  const thermal = (duration_s = Infinity): Harm => ({
    probit: 'eisenberg-thermal',
    arrival: () => 0,
    exposure: (t) => Math.min(t, duration_s),
    death: (q_kW_m2, t) => (q_kW_m2 > 0 && t > 0 ? probability(eisenbergThermal(q_kW_m2 * 1000, t)) : 0),
  });
  // fires and blasts: circles round the source, the value a function of the distance
  const radialModel = (
    unit: string,
    levels: { label: string; threshold: number }[],
    basis: Note,
    reach: (threshold: number) => number | null,
    valueAtDistance: (r: number) => number,
    harm: Harm,
  ): ScenarioModel => ({
    substance,
    src,
    warnings,
    unit,
    levels,
    basis,
    footprint: radial(reach),
    valueAt: (xy) => valueAtDistance(dist(xy)),
    harm,
  });
  if (sc.kind === 'pool-fire') {
    // default: the tank's own diameter — a fire over its whole surface, on its roof; a pool of
    // another size burns on the ground (in the dike)
    const tank = f?.kind === 'tank' ? (f.props as { diameter_m?: number; height_m?: number }) : undefined;
    const d = sc.diameter_m ?? tank?.diameter_m ?? 20;
    const base = tank?.diameter_m !== undefined && tank.height_m !== undefined && Math.abs(d - tank.diameter_m) < 1e-9 ? tank.height_m : 0;
    const pb = data.poolBurning ?? { mInf_kg_m2_s: 0.05, kBeta_per_m: 2 };
    if (!data.poolBurning) warnings.push(note('noPoolRate', { substance }));
    const input = {
      diameter_m: d,
      burning_rate_kg_m2_s: pb.mInf_kg_m2_s,
      k_beta_per_m: pb.kBeta_per_m,
      dHc_kJ_kg: data.dHc_kJ_kg,
      radiative_fraction: 0.35,
      transmissivity: 0.8,
    };
    // the flame leans with the wind: a solid flame (its vapour at the boiling point for the
    // characteristic wind speed), the flux found round it rather than as a circle; on a tank's roof
    // the ground lies `base` below the flame
    const set = sc.fire_correlations ?? 'ccps';
    const fire = poolFireInWind(input, w.wind_speed_m_s, gasDensity_kg_m3(data.molarMass_g_mol, data.boilingPoint_K), set);
    const toLocal = plumeToLocal(w.wind_from_deg, src);
    const toPlume = localToPlume(w.wind_from_deg, src);
    // the three outlines march out along the same rays: each point is integrated once
    const seen = new Map<string, number>();
    const flux = (x: number, y: number) => {
      const k = `${x.toFixed(3)},${y.toFixed(3)}`;
      let q = seen.get(k);
      if (q === undefined) seen.set(k, (q = poolFireFluxInWind(input, fire, [x, y, -base]).q_solid_kW_m2));
      return q;
    };
    const values = {
      d,
      m: fire.burning_rate_kg_m2_s.toFixed(3),
      speed: w.wind_speed_m_s,
      dir: w.wind_from_deg,
      ustar: fire.u_star.toFixed(2),
      l: fire.flame_length_m.toFixed(1),
      tilt: ((fire.tilt_rad * 180) / Math.PI).toFixed(0),
      sep: fire.sep_kW_m2.toFixed(0),
    };
    return {
      substance,
      src,
      warnings,
      unit: 'kW/m²',
      levels: fluxLevels,
      basis:
        set === 'tno-yellow-book'
          ? base > 0
            ? note('tankFireYB', { ...values, z: base })
            : note('poolFireYB', values)
          : base > 0
            ? note('tankFire', { ...values, z: base })
            : note('poolFire', values),
      footprint: (q) => {
        const c = fluxContour(flux, q, d / 2);
        return c ? { reach_m: c.max_m, ring: [...c.outline.map((p) => toLocal(p)), toLocal(c.outline[0])] } : null;
      },
      valueAt: (xy) => flux(...toPlume([xy[0], xy[1]])),
      harm: thermal(),
      shape: {
        kind: 'flame',
        centre: src,
        base_m: base,
        diameter_m: d,
        length_m: fire.flame_length_m,
        tilt_rad: fire.tilt_rad,
        downwind_deg: (w.wind_from_deg + 180) % 360,
      },
    };
  }
  if (sc.kind === 'vce') {
    const mass = sc.mass_kg ?? Math.max(100, inventory_kg * 0.1);
    const curve: BlastCurve = 'kinney-graham-surface';
    const W = tntMass_kg(mass, data.dHc_kJ_kg, 0.03, 4686);
    return radialModel(
      'kPa',
      [48.3, 20.7, 6.9].map((pk) => ({ label: `${pk} kPa`, threshold: pk })),
      note('vce', { mass: Math.round(mass), tnt: W.toFixed(0), curve }),
      (pk) => distanceToOverpressure_m(curve, W, pk),
      (r) => overpressure_kPa(curve, Math.max(0.05, scaledDistance(Math.max(r, 1), W))),
      // the blast passes in a moment: lung haemorrhage from the peak overpressure, whatever the time
      { probit: 'lung-haemorrhage', arrival: () => 0, exposure: (t) => t, death: (kPa) => (kPa > 0 ? probability(lungHaemorrhage(kPa * 1000)) : 0) },
    );
  }
  const mass = sc.mass_kg ?? Math.max(1000, inventory_kg);
  const fb = fireball(mass);
  const flux = (x: number) => fireballFlux(fb, x).q_kW_m2;
  const ball = radialModel(
    'kW/m²',
    fluxLevels,
    note(({ given: 'bleveGiven', 'radiative-fraction': 'bleveRadiativeFraction', default: 'bleveDefault' } as const)[fb.sep_source], {
      t: Math.round(mass / 1000),
      d: fb.diameter_m.toFixed(0),
      s: fb.duration_s.toFixed(1),
      sep: fb.sep_kW_m2,
    }),
    (q) => distanceToFlux_m(flux, q, 0),
    flux,
    thermal(fb.duration_s),
  );
  return { ...ball, shape: { kind: 'fireball', centre: src, height_m: fb.height_m, diameter_m: fb.diameter_m } };
}

/** The times a threat over time is shown at, s: minutes for a leak, seconds for a fire, one for a blast. */
export function threatTimes_s(kind: ScenarioKind): number[] {
  if (isLeak(kind)) return [60, 300, 600, 1800, 3600];
  if (kind === 'vce') return [1];
  return [10, 30, 60, 120, 300];
}

/**
 * The threat at a point over time: when it arrives (a plume's front travels with the wind; heat and
 * blast are there at once), the value at each time, and the probability of death of someone who
 * stayed there from the start — toxic probit on the load Cⁿ t since arrival (ppm, min), Eisenberg
 * on the thermal dose (a fireball burns only its duration), lung haemorrhage from the peak
 * overpressure; null where the scenario has no probit (a flammable gas's flash fire).
 */
export function threatOverTime(
  model: ParkModel,
  r: ScenarioResult,
  xy: XY,
  times_s = threatTimes_s(r.scenario.kind),
): { unit: string; now: ThreatNow; probit: Harm['probit']; arrival_s: number; points: { t_s: number; value: number; death: number | null }[] } {
  const m = scenarioModel(model, r.scenario);
  const value = m.valueAt(xy);
  const arrival = m.harm.arrival(xy);
  return {
    unit: m.unit,
    now: threatNow(m, r, xy),
    probit: m.harm.probit,
    arrival_s: arrival,
    points: times_s.map((t) => {
      // a leak shut off after release_s passes a place release_s after it arrived; the dose taken stays
      const release = r.scenario.release_s ?? Infinity;
      const here = t >= arrival && t < arrival + release;
      const exposed = m.harm.exposure(Math.min(release, Math.max(0, t - arrival)));
      return { t_s: t, value: here ? value : 0, death: m.harm.death(t >= arrival ? value : 0, exposed) };
    }),
  };
}

/**
 * The threat of a scenario as a field, built once: its steady value at a place (the scenario's unit)
 * and when it arrives there (s; a plume's front travels with the wind, heat and blast at once).
 */
export function threatField(model: ParkModel, r: ScenarioResult): { unit: string; valueAt(xy: XY): number; arrival_s(xy: XY): number } {
  const m = scenarioModel(model, r.scenario);
  return { unit: m.unit, valueAt: (xy) => m.valueAt(xy), arrival_s: (xy) => m.harm.arrival(xy) };
}

/** Footprints of a scenario, most severe first. */
export function scenarioFootprints(model: ParkModel, sc: Scenario): ScenarioResult {
  const m = scenarioModel(model, sc);
  const footprints: Footprint[] = [];
  const leak = isLeak(sc.kind);
  const u = Math.max(0.5, sc.weather.wind_speed_m_s);
  const front = leak && sc.elapsed_s !== undefined ? u * Math.max(0, sc.elapsed_s) : null;
  const tail = front !== null && sc.release_s !== undefined && sc.elapsed_s! > sc.release_s ? u * (sc.elapsed_s! - sc.release_s) : null;
  const toPlume = localToPlume(sc.weather.wind_from_deg, m.src);
  m.levels.slice(0, 3).forEach((lv, i) => {
    let fp = m.footprint(lv.threshold);
    if (fp && front !== null && fp.reach_m > front) {
      // the plume has not got further than its front yet
      const ring = clipRingHalfPlane(fp.ring, (p) => toPlume([p[0], p[1]])[0] - front);
      fp = ring.length ? { reach_m: front, ring } : null;
    }
    if (fp && tail !== null) {
      // shut off: behind the tail the air is clear
      const ring = clipRingHalfPlane(fp.ring, (p) => tail - toPlume([p[0], p[1]])[0]);
      fp = ring.length ? { ...fp, ring } : null;
    }
    if (fp) footprints.push({ level: (i + 1) as 1 | 2 | 3, label: lv.label, threshold: lv.threshold, unit: m.unit, ...fp });
  });
  return {
    scenario: sc,
    substance: m.substance,
    basis: m.basis,
    warnings: m.warnings,
    source_xy: m.src,
    footprints,
    front_m: front,
    tail_m: tail,
    shape: m.shape ?? null,
    release: m.release ?? null,
  };
}

/**
 * The chance of death at a place of someone who stays there, for a risk sum: the toxic probit on
 * `toxic_s` of exposure (from the plume's arrival), Eisenberg's on `thermal_s` of heat (a fireball
 * only for its duration), lung haemorrhage from the peak overpressure; a flash fire (a flammable
 * leak) kills everyone inside its LEL outline and no one outside. Also the scenario's basis and source.
 */
export function lethality(
  model: ParkModel,
  sc: Scenario,
  exposure: { toxic_s: number; thermal_s: number },
): { basis: Note; warnings: Note[]; src: XY; at: (xy: XY) => number } {
  const m = scenarioModel(model, sc);
  const lel = sc.kind === 'flammable-leak' ? m.levels[0].threshold : null;
  const t = m.harm.probit === 'toxic' ? exposure.toxic_s : m.harm.exposure(exposure.thermal_s);
  return {
    basis: m.basis,
    warnings: m.warnings,
    src: m.src,
    at: (xy) => {
      const v = m.valueAt(xy);
      if (lel !== null) return v >= lel ? 1 : 0;
      return v > 0 ? (m.harm.death(v, t) ?? 0) : 0;
    },
  };
}

/** The threat at a point: the modelled value in the scenario's unit (ppm, kW/m², kPa). */
export function threatAt(model: ParkModel, r: ScenarioResult, xy: XY): ThreatNow {
  return threatNow(scenarioModel(model, r.scenario), r, xy);
}

/** The threat at a point now: the value in the scenario's unit (0 where a walkthrough's plume has not arrived) and the footprint it lies in. */
export interface ThreatNow {
  value: number;
  unit: string;
  level: 1 | 2 | 3 | null;
}

function threatNow(m: ScenarioModel, r: ScenarioResult, xy: XY): ThreatNow {
  const level = (r.footprints.find((f) => pointInPolygon(xy, [f.ring]))?.level ?? null) as 1 | 2 | 3 | null;
  const { elapsed_s, release_s } = r.scenario;
  const arrived = elapsed_s === undefined || m.harm.arrival(xy) <= elapsed_s;
  // a leak shut off `release_s` after it began has passed where it arrived more than that long ago
  const passed = elapsed_s !== undefined && release_s !== undefined && m.harm.arrival(xy) < elapsed_s - release_s;
  return { value: arrived && !passed ? m.valueAt(xy) : 0, unit: m.unit, level };
}
