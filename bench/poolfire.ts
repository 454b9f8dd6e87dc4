/**
 * bench/poolfire: the footprints of a pool fire leaning in the wind — 30 m of crude oil in 3 m/s,
 * the 37.5, 12.5 and 4 kW/m² outlines over 72 rays — with the flame's view factor integrated by
 * `flameViewFactor` (Gauss–Legendre panels graded from where the flame passes closest to the
 * target, over the arc of the flame that faces it) against the straightforward integral (a uniform
 * midpoint grid over the whole side, each cell tested for facing the target), in the same run.
 * Both are also measured against Mudan's closed form in the plane of the tilt, from just off the
 * pool's rim to 20 diameters, up- and downwind: the baseline's grid is the one that brings its
 * worst error far from the flame down to about ours; near the rim it stays far worse.
 */
import { fluxContour, flameViewFactor, poolFireInWind, tiltedCylinderViewFactor } from '../src/geo/hazards/fire.ts';
import { gasDensity_kg_m3 } from '../src/geo/hazards/denseGas.ts';
import { gridViewFactor } from '../src/geo/hazards/__test__/viewFactorGrid.ts';

const input = { diameter_m: 30, burning_rate_kg_m2_s: 0.039, k_beta_per_m: 2.8, dHc_kJ_kg: 42_600, radiative_fraction: 0.35, transmissivity: 0.8 };
const fire = poolFireInWind(input, 3, gasDensity_kg_m3(200, 400));
const { diameter_m: D } = input;
const L = fire.flame_length_m;
const th = fire.tilt_rad;

function uniform(n: number) {
  return (target: readonly [number, number, number]) => {
    if (target[2] <= 0 && Math.hypot(target[0], target[1]) <= D / 2) return 1;
    return Math.min(1, gridViewFactor(D, L, th, target, n, Math.max(8, Math.round(n / 3))));
  };
}
const ours = (target: readonly [number, number, number]) => flameViewFactor(D, L, th, target).F;

function errors(F: (t: readonly [number, number, number]) => number) {
  let near = 0;
  let far = 0;
  for (const k of [0.501, 0.51, 0.55, 0.6, 0.75, 1, 1.5, 2, 3, 6, 10, 20, -0.51, -0.6, -1, -2, -5]) {
    const X = k * D;
    const exact = tiltedCylinderViewFactor(D, L, th, X).F;
    const e = Math.abs(F([X, 0, 0]) - exact) / exact;
    if (Math.abs(k) < 0.75) near = Math.max(near, e);
    else far = Math.max(far, e);
  }
  return { near, far };
}

function footprints(F: (t: readonly [number, number, number]) => number) {
  let evals = 0;
  const flux = (x: number, y: number) => {
    evals++;
    return fire.sep_kW_m2 * F([x, y, 0]) * input.transmissivity;
  };
  const t0 = performance.now();
  const reach = [37.5, 12.5, 4].map((q) => fluxContour(flux, q, D / 2)?.reach_m ?? null);
  return { ms: performance.now() - t0, evals, reach };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// the same 600 targets for both: round the fire, from 0.6 D to 20 D from its centre
const targets: [number, number, number][] = [];
for (let i = 0; i < 600; i++) {
  const a = (i * 2.399963) % (2 * Math.PI);
  const r = D * (0.6 + 19.4 * ((i * 0.618034) % 1) ** 2);
  targets.push([r * Math.cos(a), r * Math.sin(a), 0]);
}
const perEval = (F: (t: readonly [number, number, number]) => number, reps: number) =>
  median(
    Array.from({ length: reps }, () => {
      const t0 = performance.now();
      for (const t of targets) F(t);
      return ((performance.now() - t0) / targets.length) * 1000;
    }),
  );

const N = Number(process.env.POOLFIRE_GRID ?? 240);
const base = uniform(N);
perEval(ours, 1); // warm up
const us = { ours: perEval(ours, 5), base: perEval(base, 3) };
const ea = errors(ours);
const eb = errors(base);
const fa = Array.from({ length: 5 }, () => footprints(ours));
const fp = { ms: median(fa.map((x) => x.ms)), evals: fa[0].evals, reach: fa[0].reach };
const fb = footprints(base);

const pct = (v: number) => `${(v * 100).toFixed(3)} %`;
const reach = (r: (number | null)[]) => r.map((x) => (x === null ? '—' : x.toFixed(1))).join(' / ');
const rows = [
  ['', 'graded Gauss (ours)', `uniform grid ${N} × ${Math.round(N / 3)}`],
  ['µs per view factor (600 targets, 0.6–20 D)', us.ours.toFixed(1), us.base.toFixed(1)],
  ['worst error vs Mudan, 0.75–20 D from the centre', pct(ea.far), pct(eb.far)],
  ['worst error vs Mudan, rim to 0.75 D', pct(ea.near), pct(eb.near)],
  ['footprints, 3 levels × 72 rays, ms', fp.ms.toFixed(1), fb.ms.toFixed(1)],
  ['downwind reach 37.5 / 12.5 / 4 kW/m², m', reach(fp.reach), reach(fb.reach)],
];
const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`pool fire Ø ${D} m, crude oil, 3 m/s: u* ${fire.u_star.toFixed(2)}, flame ${L.toFixed(1)} m leaning ${((th * 180) / Math.PI).toFixed(0)}°`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
console.log(`speed-up per view factor ${(us.base / us.ours).toFixed(1)}× (and the grid is far off right by the pool's rim)`);
console.log(
  JSON.stringify({
    bench: 'poolfire',
    diameter_m: D,
    tilt_deg: Number(((th * 180) / Math.PI).toFixed(1)),
    ours: {
      us_per_view_factor: Number(us.ours.toFixed(2)),
      err_far: Number(ea.far.toPrecision(3)),
      err_near: Number(ea.near.toPrecision(3)),
      footprints_ms: Number(fp.ms.toFixed(1)),
      view_factors: fp.evals,
      reach_m: fp.reach.map((r) => (r === null ? null : Number(r.toFixed(1)))),
    },
    baseline: {
      grid: `${N}x${Math.round(N / 3)}`,
      us_per_view_factor: Number(us.base.toFixed(2)),
      err_far: Number(eb.far.toPrecision(3)),
      err_near: Number(eb.near.toPrecision(3)),
      footprints_ms: Number(fb.ms.toFixed(1)),
      reach_m: fb.reach.map((r) => (r === null ? null : Number(r.toFixed(1)))),
    },
    speedup_per_view_factor: Number((us.base / us.ours).toFixed(1)),
  }),
);
