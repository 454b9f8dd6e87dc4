/**
 * The emergency answer per group of people (pure, local metres): for each person on site inside a
 * footprint, and for the residents of each protected target it reaches (counted by the share of the
 * target inside), what they should do and how long they have.
 *
 * - When the threat arrives: a plume's front travels with the wind (a leak); heat and blast are
 *   there at once (a fire, a BLEVE, a VCE).
 * - How long it takes to get out: the warning and the start (`WARNING_S` on site; for the residents
 *   around, the public's alert and mobilisation, `PUBLIC_WARNING_S`), then walking
 *   (`WALK_M_S`) to the nearest place outside the outermost footprint with a margin
 *   (`SAFE_MARGIN_M`) — the shortest way out of a plume is across the wind — never a fixed
 *   assembly point kilometres away.
 * - Toxic releases: leave if one can be out before the cloud arrives; else shelter indoors (doors
 *   and windows shut, ventilation off), where a single-zone model gives the indoor concentration:
 *   C_in(t) = C_out · (1 − e^(−λ t)), λ the building's air changes per hour (`SHELTER_ACH_PER_H`),
 *   over the release (an hour when it goes on) — shelter holds when the indoor peak stays below the
 *   footprint's own threshold; else leave regardless. A flammable cloud: leave across the wind (a
 *   building does not keep out a cloud that can ignite inside). Fires and blasts: leave the zone.
 *
 * The planning values are ours, stated beside each constant; they are not from a standard.
 */
import type { ParkModel } from '../../model/model.ts';
import { displayName } from '../../model/names.ts';
import { pointInPolygon, type XY } from '../primitives/planar.ts';
import { isLeak, type ScenarioResult, threatField } from './emergency.ts';

/** Walking speed of an evacuee, m/s (a common planning value for unimpeded walking; ours, unverified). */
export const WALK_M_S = 1.2;
/** From the warning to moving, s, for people on site (our planning value). */
export const WARNING_S = 120;
/**
 * From the release to a community moving, s: the public must be alerted (sirens, cell broadcast, loudspeakers) and
 * told what to do — 15 min, after the design objective of alerting and instructing the public within 15 minutes
 * (NUREG-0654/FEMA-REP-1, Appendix 3; P) — a planning value of ours for a chemical park's neighbours, unverified.
 */
export const PUBLIC_WARNING_S = 900;
/** How far beyond the outermost footprint a safe place is, m (our planning value). */
export const SAFE_MARGIN_M = 50;
/** Air changes per hour of a building shut up for sheltering, ventilation off (a typical closed dwelling is 0.3–1 /h; ours, unverified). */
export const SHELTER_ACH_PER_H = 0.5;
/** The exposure sheltering is judged over when the release goes on, s. */
export const SHELTER_HORIZON_S = 3600;
/**
 * The indoor concentration of a shut building after `t_s` of a steady outdoor concentration, single
 * zone with λ air changes an hour: C_in = C_out · (1 − e^(−λ t)).
 */
export const indoorPeak = (outdoor: number, ach_per_h: number, t_s: number): number => outdoor * (1 - Math.exp((-ach_per_h * t_s) / 3600));

/** Samples per side of the grid a target's share inside a footprint is estimated with. */
const GRID = 20;

export type GroupAction = 'leave' | 'shelter';

const residentsOf = new WeakMap<ScenarioResult, { key: string; answers: GroupAnswer[] }>();

export interface GroupAnswer {
  group: 'on_site' | 'residents';
  /** The person's tag, or the protected target's id. */
  id: string;
  name: string;
  /** People in the group: 1 on site; residents by the share of the target inside the footprints. */
  people: number;
  /** Of a target: the share of its area inside the outermost footprint (0–1). */
  share: number | null;
  /** The most severe footprint the group is in, and what it means (`ERPG-3 150 ppm`). */
  level: 1 | 2 | 3;
  level_label: string;
  action: GroupAction;
  /** When the threat arrives there, s from the start (0: at once). */
  arrival_s: number;
  /** How far to the safe place, m, and how long to get there with the warning, s. */
  out_m: number;
  out_s: number;
  /** The safe place: the nearest point outside the outermost footprint, with the margin. */
  exit: [number, number];
  /** Sheltering (toxic releases): the air changes assumed and the indoor peak, in the scenario's unit. */
  indoor: { ach_per_h: number; peak: number; unit: string } | null;
  /** Why this action, in words. */
  reason: string;
}

/** The nearest point of a closed ring to p, and the outward step from p through it. */
function nearestExit(ring: readonly XY[], p: XY, margin: number): { at: [number, number]; d: number } {
  let best: [number, number] = [p[0], p[1]];
  let bestD = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[i + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2)) : 0;
    const q: [number, number] = [ax + t * dx, ay + t * dy];
    const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (d < bestD) {
      bestD = d;
      best = q;
    }
  }
  const ux = bestD > 1e-9 ? (best[0] - p[0]) / bestD : 1;
  const uy = bestD > 1e-9 ? (best[1] - p[1]) / bestD : 0;
  return { at: [best[0] + ux * margin, best[1] + uy * margin], d: bestD + margin };
}

const fmt = (v: number) => (v >= 100 ? Math.round(v).toString() : v >= 10 ? v.toFixed(1) : v.toPrecision(2));

export function groupAnswers(
  model: ParkModel,
  r: ScenarioResult,
  /** The people on site: tag, class, place, and the name and company the positioning system gives. */
  subjects: readonly { id: string; kind: string; xy: [number, number]; name?: string; company?: string }[],
  lang = 'en',
  opts: { ach_per_h?: number } = {},
): GroupAnswer[] {
  const outer = r.footprints[r.footprints.length - 1];
  if (!outer) return [];
  const ach = opts.ach_per_h ?? SHELTER_ACH_PER_H;
  const leak = isLeak(r.scenario.kind);
  const toxic = r.scenario.kind === 'toxic-leak';
  const levelOf = (xy: XY) => r.footprints.find((f) => pointInPolygon(xy, [f.ring]));
  const horizon_s = r.scenario.release_s ?? SHELTER_HORIZON_S;
  const field = threatField(model, r);
  const indoorFactor = indoorPeak(1, ach, horizon_s);

  const answer = (
    base: Pick<GroupAnswer, 'group' | 'id' | 'name' | 'people' | 'share'>,
    at: XY,
    level: (typeof r.footprints)[number],
    arrival_s: number,
    outdoor: number,
  ): GroupAnswer => {
    const exit = nearestExit(outer.ring, at, SAFE_MARGIN_M);
    const warning_s = base.group === 'residents' ? PUBLIC_WARNING_S : WARNING_S;
    const out_s = Math.round(warning_s + exit.d / WALK_M_S);
    const common = {
      ...base,
      level: level.level,
      level_label: `${level.label} ${fmt(level.threshold)} ${level.unit}`,
      arrival_s: Math.round(arrival_s),
      out_m: Math.round(exit.d),
      out_s,
      exit: exit.at,
    };
    if (!leak)
      return { ...common, action: 'leave', indoor: null, reason: `the ${level.label} zone is reached at once: leave it, ${Math.round(exit.d)} m to its edge` };
    if (!toxic)
      return {
        ...common,
        action: 'leave',
        indoor: null,
        reason: 'a flammable cloud: leave across the wind, no ignition sources; a building does not keep it out',
      };
    if (out_s <= arrival_s)
      return {
        ...common,
        action: 'leave',
        indoor: null,
        reason: `out in ${out_s} s, before the cloud arrives (${Math.round(arrival_s)} s): leave across the wind`,
      };
    const peak = outdoor * indoorFactor;
    const holds = peak < level.threshold;
    return {
      ...common,
      action: holds ? 'shelter' : 'leave',
      indoor: { ach_per_h: ach, peak, unit: level.unit },
      reason: holds
        ? `the cloud arrives (${Math.round(arrival_s)} s) before one can be out (${out_s} s): shelter indoors — indoors it reaches ${fmt(peak)} ${level.unit} over ${Math.round(horizon_s / 60)} min at ${ach} air changes an hour, below ${level.label}`
        : `indoors it would still reach ${fmt(peak)} ${level.unit} (≥ ${level.label}) over ${Math.round(horizon_s / 60)} min: leave across the wind at once, with respiratory protection where there is any`,
    };
  };

  const out: GroupAnswer[] = [];
  for (const s of subjects) {
    const level = levelOf(s.xy);
    if (!level) continue;
    const name = s.name ? `${s.name}${s.company ? ` (${s.company})` : ''}` : s.id;
    out.push(answer({ group: 'on_site', id: s.id, name, people: 1, share: null }, s.xy, level, field.arrival_s(s.xy), field.valueAt(s.xy)));
  }
  // the residents' answers depend on the scenario alone: worked out once per result (the command
  // centre assesses again every 2 s with the same footprints; only the people on site move)
  const key = `${lang}|${ach}`;
  const cached = residentsOf.get(r);
  let residents = cached?.key === key ? cached.answers : null;
  if (!residents) {
    residents = [];
    for (const target of model.ofKind('protected_target')) {
      const pop = target.props.population;
      const name = displayName(target.props, lang, target.id);
      if (target.local.type !== 'Polygon') {
        const level = levelOf(target.anchor);
        if (!level) continue;
        residents.push(
          answer(
            { group: 'residents', id: target.id, name, people: pop, share: 1 },
            target.anchor,
            level,
            field.arrival_s(target.anchor),
            field.valueAt(target.anchor),
          ),
        );
        continue;
      }
      // the share of the target inside, from a grid of samples over it; the earliest arrival and the
      // highest value among the samples inside (conservative)
      const rings = target.local.rings;
      const xs = rings[0].map((p) => p[0]);
      const ys = rings[0].map((p) => p[1]);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      let inTarget = 0;
      let inside = 0;
      let worst: (typeof r.footprints)[number] | null = null;
      let first: { xy: XY; arrival: number } | null = null;
      let peak = 0;
      for (let i = 0; i < GRID; i++) {
        for (let j = 0; j < GRID; j++) {
          const p: XY = [x0 + ((i + 0.5) / GRID) * (x1 - x0), y0 + ((j + 0.5) / GRID) * (y1 - y0)];
          if (!pointInPolygon(p, rings)) continue;
          inTarget++;
          const level = levelOf(p);
          if (!level) continue;
          inside++;
          if (!worst || level.level < worst.level) worst = level;
          const arrival = field.arrival_s(p);
          if (!first || arrival < first.arrival) first = { xy: p, arrival };
          peak = Math.max(peak, field.valueAt(p));
        }
      }
      if (!worst || !first || !inTarget) continue;
      const share = inside / inTarget;
      residents.push(
        answer(
          { group: 'residents', id: target.id, name, people: Math.round(pop * share), share: Math.round(share * 100) / 100 },
          first.xy,
          worst,
          first.arrival,
          peak,
        ),
      );
    }
    residentsOf.set(r, { key, answers: residents });
  }
  out.push(...residents);
  return out.sort((a, b) => a.level - b.level || b.people - a.people || a.id.localeCompare(b.id));
}
