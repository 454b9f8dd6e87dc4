/**
 * One entry for every consequence model: `runHazard({ model, ...inputs })` validates the inputs
 * (zod; an error names the field) and returns the model's outputs in SI units with the unit in
 * each name. The CLI (`parktwin hazard`), the server and the browser call it alike.
 */
import { z } from 'zod';
import { plumeConcentration, plumeFootprint, plumeReach_m, puffConcentration, SIGMA_SETS, STABILITIES, type SigmaSet, type Stability } from './dispersion.ts';
import { britterMcQuaidPlume } from './denseGas.ts';
import { BLAST_CURVES, distanceToOverpressure_m, OutOfRangeError, overpressure_kPa, scaledDistance, tntMass_kg } from './explosion.ts';
import {
  distanceToFlux_m,
  fireball,
  fireballFlux,
  FIREBALL_SETS,
  fluxContour,
  poolFire,
  poolFireFlux,
  poolFireFluxInWind,
  poolFireInWind,
  POOL_FIRE_SETS,
  type FireballSet,
} from './fire.ts';
import { CD_SHARP_EDGED, flashFraction, gasDischarge, liquidDischarge } from './discharge.ts';
import { eisenbergThermal, lungHaemorrhage, probability, toxicProbit } from './probit.ts';
import { hazardSubstance, HAZARD_SUBSTANCES } from './substances.ts';
import { AMBIENT_K } from './constants.ts';

export * from './discharge.ts';
export * from './dispersion.ts';
export * from './denseGas.ts';
export * from './explosion.ts';
export * from './fire.ts';
export * from './probit.ts';
export * from './substances.ts';

const pos = z.number().positive();
const nonneg = z.number().nonnegative();
const stability = z.enum(STABILITIES as [string, ...string[]], { error: 'must be one of A, B, C, D, E, F' });
const sigma = z.enum(SIGMA_SETS as [string, ...string[]], { error: `must be one of ${SIGMA_SETS.join(', ')}` });
const receptor3 = z.strictObject({ x_m: z.number(), y_m: z.number().default(0), z_m: nonneg.default(0) });

const Plume = z
  .strictObject({
    model: z.literal('gaussian-plume'),
    q_g_s: pos,
    u_m_s: pos,
    stability,
    sigma,
    h_m: nonneg,
    /** Averaging time, s: only the set with an averaging-time correction takes it. */
    averaging_s: pos.optional(),
    receptors: z.array(receptor3).default([]),
    thresholds_g_m3: z.array(pos).default([]),
  })
  .refine((x) => x.averaging_s === undefined || x.sigma === 'spicer-havens-seinfeld', {
    message: 'only sigma spicer-havens-seinfeld takes an averaging time (the other sets are fixed to theirs, about 10 min)',
    path: ['averaging_s'],
  });
const Puff = z.strictObject({
  model: z.literal('gaussian-puff'),
  mass_kg: pos,
  u_m_s: pos,
  stability,
  sigma,
  t_s: pos,
  h_m: nonneg.default(0),
  receptors: z.array(receptor3).default([]),
});
const Tnt = z.strictObject({
  model: z.literal('tnt'),
  mass_kg: pos,
  dHc_kJ_kg: pos,
  yield: z.number().positive().max(1),
  e_tnt_kJ_kg: pos,
  curve: z.enum(BLAST_CURVES as [string, ...string[]], { error: `must be one of ${BLAST_CURVES.join(', ')}` }),
  receptors_m: z.array(pos).default([]),
  thresholds_kPa: z.array(pos).default([]),
});
// a receptor by its distance r_m from the pool's centre (downwind, in wind) or by x_m downwind and y_m crosswind
const poolReceptor = z
  .strictObject({ r_m: pos.optional(), x_m: z.number().optional(), y_m: z.number().optional(), z_m: nonneg.default(0) })
  .refine((r) => (r.r_m === undefined) !== (r.x_m === undefined), { message: 'give r_m, or x_m (and y_m)', path: ['r_m'] })
  .refine((r) => r.r_m === undefined || r.y_m === undefined, { message: 'y_m goes with x_m, not r_m', path: ['y_m'] });
const Pool = z
  .strictObject({
    model: z.literal('pool-fire'),
    correlations: z.enum(POOL_FIRE_SETS, { error: `must be one of ${POOL_FIRE_SETS.join(', ')}` }).default('ccps'),
    diameter_m: pos,
    burning_rate_kg_m2_s: pos,
    k_beta_per_m: pos.optional(),
    dHc_kJ_kg: pos,
    radiative_fraction: z.number().positive().max(1),
    transmissivity: z.number().positive().max(1),
    flame_height_m: pos.optional(),
    u_m_s: nonneg.optional(),
    vapour_density_kg_m3: pos.optional(),
    air_density_kg_m3: pos.optional(),
    air_viscosity_m2_s: pos.optional(),
    receptors: z.array(poolReceptor).default([]),
    thresholds_kW_m2: z.array(pos).default([]),
  })
  .refine((x) => x.correlations !== 'ccps' || (x.u_m_s === undefined) === (x.vapour_density_kg_m3 === undefined), {
    message: 'a fire in wind needs u_m_s and vapour_density_kg_m3 together (ccps set)',
    path: ['vapour_density_kg_m3'],
  })
  .refine((x) => x.correlations !== 'tno-yellow-book' || x.u_m_s !== undefined, {
    message: 'the tno-yellow-book set is a fire in wind: give u_m_s',
    path: ['u_m_s'],
  });
const Bleve = z.strictObject({
  model: z.literal('bleve-fireball'),
  correlations: z.enum(FIREBALL_SETS, { error: `must be one of ${FIREBALL_SETS.join(', ')}` }).default('ccps'),
  mass_kg: pos,
  sep_kW_m2: pos.optional(),
  dHc_kJ_kg: pos.optional(),
  p_MPa: pos.optional(),
  transmissivity: z.number().positive().max(1).optional(),
  receptors: z.array(z.strictObject({ x_m: nonneg })).default([]),
  thresholds_kW_m2: z.array(pos).default([]),
});
const DensePlume = z
  .strictObject({
    model: z.literal('britter-mcquaid-plume'),
    rate_kg_s: pos,
    source_density_kg_m3: pos,
    source_temperature_K: pos.optional(),
    ambient_temperature_K: pos.default(AMBIENT_K),
    u10_m_s: pos,
    stability: stability.optional(),
    sigma: sigma.optional(),
    molar_mass_g_mol: pos.optional(),
    receptors_m: z.array(pos).default([]),
    thresholds_vol_frac: z.array(z.number().positive().max(1)).default([]),
  })
  .refine((x) => (x.stability === undefined) === (x.sigma === undefined) && (x.stability === undefined) === (x.molar_mass_g_mol === undefined), {
    message: 'the passive continuation needs stability, sigma and molar_mass_g_mol together',
    path: ['stability'],
  });
const Probit = z.discriminatedUnion('kind', [
  z.strictObject({ model: z.literal('probit'), kind: z.literal('eisenberg-thermal'), q_W_m2: pos, t_s: pos }),
  z.strictObject({ model: z.literal('probit'), kind: z.literal('lung-haemorrhage'), p_Pa: pos }),
  z.strictObject({ model: z.literal('probit'), kind: z.literal('toxic'), substance: z.string(), c_ppm: pos, t_min: pos }),
]);

const cd = z.number().positive().max(1).optional();
const Discharge = z.discriminatedUnion(
  'phase',
  [
    z.strictObject({
      model: z.literal('discharge'),
      phase: z.literal('liquid'),
      hole_diameter_m: pos,
      gauge_pressure_Pa: nonneg,
      head_m: nonneg.default(0),
      density_kg_m3: pos,
      cd,
      substance: z.string().optional(),
      temperature_K: pos.optional(),
    }),
    z.strictObject({
      model: z.literal('discharge'),
      phase: z.literal('gas'),
      hole_diameter_m: pos,
      pressure_Pa: pos,
      ambient_Pa: pos.optional(),
      temperature_K: pos,
      molar_mass_g_mol: pos,
      gamma: z.number().gt(1).max(2),
      cd,
    }),
  ],
  { error: 'must be liquid or gas' },
);

export const MODELS = ['gaussian-plume', 'gaussian-puff', 'britter-mcquaid-plume', 'tnt', 'pool-fire', 'bleve-fireball', 'probit', 'discharge'] as const;
const SCHEMAS: Record<(typeof MODELS)[number], z.ZodType> = {
  'gaussian-plume': Plume,
  'gaussian-puff': Puff,
  'britter-mcquaid-plume': DensePlume,
  tnt: Tnt,
  'pool-fire': Pool,
  'bleve-fireball': Bleve,
  probit: Probit,
  discharge: Discharge,
};

/** Invalid input: `field` names what is wrong (a dotted path). */
export class HazardInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const round = (v: number, digits = 6) => (Number.isFinite(v) ? Number(v.toPrecision(digits)) : v);

export function runHazard(input: unknown): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new HazardInputError('input', 'must be a JSON object with "model"');
  const model = (input as { model?: unknown }).model;
  if (typeof model !== 'string' || !(MODELS as readonly string[]).includes(model))
    throw new HazardInputError('model', `must be one of ${MODELS.join(', ')}${model === undefined ? '' : `, not ${JSON.stringify(model)}`}`);
  const r = SCHEMAS[model as (typeof MODELS)[number]].safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0] as { path: PropertyKey[]; message: string; code?: string; keys?: string[] };
    if (i.code === 'unrecognized_keys' && i.keys?.length) throw new HazardInputError([...i.path, i.keys[0]].join('.'), 'unknown field');
    throw new HazardInputError(i.path.join('.') || 'input', i.message);
  }
  const p = r.data as Record<string, never>;
  try {
    return compute(model as (typeof MODELS)[number], p);
  } catch (e) {
    if (e instanceof OutOfRangeError) throw new HazardInputError('receptors_m', e.message);
    throw e;
  }
}

function compute(model: (typeof MODELS)[number], p: Record<string, never>): Record<string, unknown> {
  switch (model) {
    case 'gaussian-plume': {
      const x = p as unknown as z.infer<typeof Plume>;
      const input = { q_g_s: x.q_g_s, u_m_s: x.u_m_s, h_m: x.h_m, stability: x.stability as never, sigma: x.sigma as SigmaSet, averaging_s: x.averaging_s };
      return {
        model,
        sigma: x.sigma,
        stability: x.stability,
        ...(x.averaging_s !== undefined ? { averaging_s: x.averaging_s } : {}),
        receptors: x.receptors.map((rc) => {
          const c = plumeConcentration(input, rc);
          return { ...rc, sigma_y_m: round(c.sigma_y_m), sigma_z_m: round(c.sigma_z_m), c_g_m3: round(c.c_g_m3) };
        }),
        ...(x.thresholds_g_m3.length
          ? {
              distances_m: Object.fromEntries(x.thresholds_g_m3.map((c) => [String(c), nullableRound(plumeReach_m(input, c))])),
              max_halfwidth_m: Object.fromEntries(x.thresholds_g_m3.map((c) => [String(c), round(plumeFootprint(input, c).max_halfwidth_m)])),
            }
          : {}),
      };
    }
    case 'gaussian-puff': {
      const x = p as unknown as z.infer<typeof Puff>;
      const input = { mass_kg: x.mass_kg, u_m_s: x.u_m_s, h_m: x.h_m, stability: x.stability as never, sigma: x.sigma as SigmaSet, t_s: x.t_s };
      return {
        model,
        sigma: x.sigma,
        stability: x.stability,
        centre_x_m: round(x.u_m_s * x.t_s),
        receptors: x.receptors.map((rc) => {
          const c = puffConcentration(input, rc);
          return { ...rc, sigma_y_m: round(c.sigma_y_m), sigma_z_m: round(c.sigma_z_m), c_g_m3: round(c.c_g_m3) };
        }),
      };
    }
    case 'britter-mcquaid-plume': {
      const x = p as unknown as z.infer<typeof DensePlume>;
      const bm = britterMcQuaidPlume({
        rate_kg_s: x.rate_kg_s,
        source_density_kg_m3: x.source_density_kg_m3,
        source_temperature_K: x.source_temperature_K ?? x.ambient_temperature_K,
        ambient_temperature_K: x.ambient_temperature_K,
        u10_m_s: x.u10_m_s,
        ...(x.stability ? { passive: { stability: x.stability as Stability, sigma: x.sigma as SigmaSet, molarMass_g_mol: x.molar_mass_g_mol! } } : {}),
      });
      return {
        model,
        q0_m3_s: round(bm.q0_m3_s),
        g0_m_s2: round(bm.g0_m_s2),
        D_m: round(bm.D_m),
        alpha: round(bm.alpha),
        alpha_in_range: bm.alphaInRange,
        lb_m: round(bm.lb_m),
        denseness: round(bm.denseness),
        dense: bm.dense,
        upwind_m: round(bm.upwind_m),
        transition_m: round(bm.transition_m),
        virtual_source_m: bm.virtualSource_m === null ? null : round(bm.virtualSource_m),
        receptors: x.receptors_m.map((r_m) => {
          const c = bm.centreline(r_m);
          return { x_m: r_m, c_vol_frac: round(c.c_vol), region: c.region, half_width_m: c.region === 'passive' ? null : round(bm.topHatHalfWidth(r_m)) };
        }),
        distances_m: Object.fromEntries(
          x.thresholds_vol_frac.map((c) => {
            const d = bm.distanceTo(c);
            return [String(c), d ? { x_m: round(d.x_m), region: d.region } : null];
          }),
        ),
        method:
          'Britter & McQuaid (1988) continuous dense plume, curve fits of CCPS (1999) / TSCREEN; past Cm/C0 = 0.002 a passive Gaussian plume from a virtual source (with stability, sigma, molar_mass_g_mol) or the curves extended',
      };
    }
    case 'tnt': {
      const x = p as unknown as z.infer<typeof Tnt>;
      const curve = x.curve as (typeof BLAST_CURVES)[number];
      const w = tntMass_kg(x.mass_kg, x.dHc_kJ_kg, x.yield, x.e_tnt_kJ_kg);
      return {
        model,
        curve,
        w_tnt_kg: round(w),
        receptors: x.receptors_m.map((r_m) => {
          const z_ = scaledDistance(r_m, w);
          return { r_m, z_m_kg13: round(z_), overpressure_kPa: round(overpressure_kPa(curve, z_)) };
        }),
        distances_m: Object.fromEntries(x.thresholds_kPa.map((t) => [String(t), nullableRound(distanceToOverpressure_m(curve, w, t))])),
      };
    }
    case 'pool-fire': {
      const x = p as unknown as z.infer<typeof Pool>;
      const at = (rc: z.infer<typeof poolReceptor>) => ({ ...(rc.r_m !== undefined ? { r_m: rc.r_m } : { x_m: rc.x_m!, y_m: rc.y_m ?? 0 }), z_m: rc.z_m });
      if (x.u_m_s === undefined) {
        const fire = poolFire(x);
        return {
          model,
          burning_rate_kg_m2_s: round(fire.burning_rate_kg_m2_s),
          hrr_kW: round(fire.hrr_kW),
          flame_height_m: round(fire.flame_height_m),
          sep_kW_m2: round(fire.sep_kW_m2),
          receptors: x.receptors.map((rc) => {
            const f = poolFireFlux(x, fire, rc.r_m ?? Math.hypot(rc.x_m!, rc.y_m ?? 0), rc.z_m);
            return { ...at(rc), q_kW_m2: round(f.q_point_kW_m2), q_solid_flame_kW_m2: round(f.q_solid_kW_m2), view_factor: round(f.view_factor) };
          }),
          method: 'q_kW_m2: point source at half the flame height (τ χr Q / 4πR²); q_solid_flame_kW_m2: SEP · F · τ (vertical cylinder, Mudan)',
          distances_m: Object.fromEntries(
            x.thresholds_kW_m2.map((t) => [String(t), nullableRound(distanceToFlux_m((r) => poolFireFlux(x, fire, r).q_point_kW_m2, t))]),
          ),
        };
      }
      const yb = x.correlations === 'tno-yellow-book';
      const fire = poolFireInWind(x, x.u_m_s, x.vapour_density_kg_m3 ?? 1, x.correlations, {
        rhoAir_kg_m3: x.air_density_kg_m3,
        nu_m2_s: x.air_viscosity_m2_s,
      });
      const solid = (px: number, py: number) => poolFireFluxInWind(x, fire, [px, py, 0]).q_solid_kW_m2;
      return {
        model,
        correlations: fire.set,
        burning_rate_kg_m2_s: round(fire.burning_rate_kg_m2_s),
        hrr_kW: round(fire.hrr_kW),
        u_star: round(fire.u_star),
        flame_length_m: round(fire.flame_length_m),
        tilt_deg: round((fire.tilt_rad * 180) / Math.PI),
        flame_height_m: round(fire.flame_height_m),
        sep_kW_m2: round(fire.sep_kW_m2),
        receptors: x.receptors.map((rc) => {
          const f = poolFireFluxInWind(x, fire, [rc.r_m ?? rc.x_m!, rc.y_m ?? 0, rc.z_m]);
          return { ...at(rc), q_kW_m2: round(f.q_point_kW_m2), q_solid_flame_kW_m2: round(f.q_solid_kW_m2), view_factor: round(f.view_factor) };
        }),
        method: yb
          ? 'in wind (x downwind, y crosswind; r_m = x_m), TNO Yellow Book: u* from the air density, Thomas flame length in wind, tilt sin θ/cos² θ = 0.666 Fr^0.333 Re^0.117, SEP = Fs m″ ΔHc/(1 + 4L/D) · 0.2 + 0.8 · 20 kW/m² (soot); q_kW_m2: point source at the middle of the tilted flame (τ χr Q / 4πR²); q_solid_flame_kW_m2: SEP · F · τ (tilted cylinder, Mudan)'
          : 'in wind (x downwind, y crosswind; r_m = x_m), CCPS: u* from the vapour density, Thomas flame length in wind, AGA tilt; q_kW_m2: point source at the middle of the tilted flame (τ χr Q / 4πR²); q_solid_flame_kW_m2: SEP · F · τ (tilted cylinder, Mudan)',
        distances_m: Object.fromEntries(
          x.thresholds_kW_m2.map((t) => [String(t), nullableRound(distanceToFlux_m((r) => poolFireFluxInWind(x, fire, [r, 0, 0]).q_point_kW_m2, t))]),
        ),
        solid_flame_extent_m: Object.fromEntries(
          x.thresholds_kW_m2.map((t) => {
            const c = fluxContour(solid, t, x.diameter_m / 2);
            if (!c) return [String(t), null];
            const n = c.outline.length;
            return [
              String(t),
              { downwind_m: round(c.outline[0][0]), crosswind_m: round(Math.max(...c.outline.map((q) => q[1]))), upwind_m: round(-c.outline[n / 2][0]) },
            ];
          }),
        ),
      };
    }
    case 'bleve-fireball': {
      const x = p as unknown as z.infer<typeof Bleve>;
      const set = x.correlations as FireballSet;
      if (set !== 'ccps')
        for (const f of ['dHc_kJ_kg', 'p_MPa'] as const)
          if (x[f] !== undefined) throw new HazardInputError(f, `the SEP from the radiative fraction belongs to the ccps set; give sep_kW_m2 for ${set}`);
      const fb = fireball(x.mass_kg, { ...x, set });
      return {
        model,
        correlations: set,
        diameter_m: round(fb.diameter_m),
        duration_s: round(fb.duration_s),
        height_m: round(fb.height_m),
        sep_kW_m2: round(fb.sep_kW_m2),
        sep_basis: fb.sep_basis,
        receptors: x.receptors.map((rc) => {
          const f = fireballFlux(fb, rc.x_m, x.transmissivity);
          return { x_m: rc.x_m, view_factor: round(f.view_factor), transmissivity: round(f.transmissivity), q_kW_m2: round(f.q_kW_m2) };
        }),
        distances_m: Object.fromEntries(
          x.thresholds_kW_m2.map((t) => [String(t), nullableRound(distanceToFlux_m((r) => fireballFlux(fb, r, x.transmissivity).q_kW_m2, t, 0))]),
        ),
      };
    }
    case 'probit': {
      const x = p as unknown as z.infer<typeof Probit>;
      let Y: number;
      let basis: string;
      if (x.kind === 'eisenberg-thermal') {
        Y = eisenbergThermal(x.q_W_m2, x.t_s);
        basis = 'Eisenberg et al. (1975): Y = −14.9 + 2.56 ln(t q^(4/3) / 10^4), q W/m², t s';
      } else if (x.kind === 'lung-haemorrhage') {
        Y = lungHaemorrhage(x.p_Pa);
        basis = 'Eisenberg et al. (1975): Y = −77.1 + 6.91 ln p, p Pa';
      } else {
        const s = hazardSubstance(x.substance);
        if (!s?.probit)
          throw new HazardInputError(
            'substance',
            `no toxic probit for "${x.substance}" (known: ${HAZARD_SUBSTANCES.filter((h) => h.probit)
              .map((h) => h.id)
              .join(', ')})`,
          );
        Y = toxicProbit(s.probit, x.c_ppm, x.t_min);
        basis = `Y = ${s.probit.a} + ${s.probit.b} ln(C^${s.probit.n} t), C ppm, t min — ${s.probit.source}${s.probit.verified ? '' : ' [unverified]'}`;
      }
      return { model, kind: x.kind, Y: round(Y), P: round(probability(Y)), basis };
    }
    case 'discharge': {
      const x = p as unknown as z.infer<typeof Discharge>;
      if (x.phase === 'liquid') {
        const r = liquidDischarge(x);
        let flash: number | undefined;
        if (x.substance !== undefined || x.temperature_K !== undefined) {
          const s = x.substance === undefined ? undefined : hazardSubstance(x.substance);
          if (!s)
            throw new HazardInputError(
              'substance',
              `give a known substance with temperature_K for its flash fraction (known: ${HAZARD_SUBSTANCES.map((h) => h.id).join(', ')})`,
            );
          if (x.temperature_K === undefined) throw new HazardInputError('temperature_K', 'needed with substance, for the flash fraction');
          flash = flashFraction({ temperature_K: x.temperature_K, boilingPoint_K: s.boilingPoint_K, cp_kJ_kgK: s.cp_kJ_kgK, dHv_kJ_kg: s.dHv_kJ_kg });
        }
        return {
          model,
          phase: 'liquid',
          rate_kg_s: round(r.rate_kg_s),
          velocity_m_s: round(r.velocity_m_s),
          ...(flash === undefined ? {} : { flash_fraction: round(flash) }),
          basis: `Bernoulli through a hole, Cd ${x.cd ?? CD_SHARP_EDGED} (CCPS 1999 §2.1.1)${flash === undefined ? '' : '; flash fraction cp (T − Tb)/ΔHv'}`,
        };
      }
      const r = gasDischarge({ ...x, molarMass_g_mol: x.molar_mass_g_mol });
      return {
        model,
        phase: 'gas',
        rate_kg_s: round(r.rate_kg_s),
        choked: r.choked,
        exit_pressure_Pa: round(r.exit_pressure_Pa),
        exit_temperature_K: round(r.exit_temperature_K),
        velocity_m_s: round(r.velocity_m_s),
        basis: `ideal gas through a hole, isentropic, ${r.choked ? 'choked' : 'not choked'}, Cd ${x.cd ?? CD_SHARP_EDGED} (CCPS 1999 §2.1.2)`,
      };
    }
  }
}

const nullableRound = (v: number | null) => (v === null ? null : round(v));
