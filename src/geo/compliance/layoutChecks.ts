/**
 * Layout checks beyond pairwise distances: closed management (fence, gates), the "two bans",
 * places where people gather inside units or dikes, dike capacity and height rules, the "four
 * systems" of large oil and gas storage bases, and the GB/T 37243 method for each installation's
 * external safety distance.
 */
import { findSubstance } from '../../data/substances.ts';
import { OCCUPIED_BUILDING_USES } from '../../model/enums.ts';
import { tankShape, type ModelFeature, type ParkModel } from '../../model/model.ts';
import { coreDistance_m, footprintDistance_m, footprintOf } from '../footprint.ts';
import { OPS } from './gb30871.ts';
import { identifyMajorHazards, type HazardUnit } from './majorHazards.ts';
import { pointInPolygon, pointPolylineDistance, polygonArea_m2, type XY } from '../primitives/planar.ts';
import { whereHolds, type DikeCapacityRule, type DikeHeightRule, type LoadedRuleSet } from './rules.ts';

/** The plan the park provisions come from, named as a regulator knows it. */
const PLAN = '《滨海新区落实〈“十四五”危险化学品安全生产规划方案〉实施方案》(2022)';

export interface Finding {
  check: string;
  severity: 'violation' | 'warning' | 'info';
  ids: string[];
  message: string;
  citation: string;
  verified: boolean;
  /** Numbers behind the finding, with units in the keys (and the name of a system, where there is one). */
  values?: Record<string, number | string>;
}

export interface StorageBase {
  enterprise: string;
  type: 'crude_oil' | 'refined_products' | 'lng';
  tanks: string[];
  total_m3: number;
  largest_m3: number;
  systems: Record<'gas_detection' | 'video' | 'emergency_shutoff' | 'lightning_warning', { equipped: number; total: number; rate: number; missing: string[] }>;
}

export interface ExternalMethod {
  installation: string;
  unit: string;
  method: 'consequence' | 'risk' | 'code';
  reason: string;
}

export interface LayoutReport {
  findings: Finding[];
  storage_bases: StorageBase[];
  external_safety_methods: ExternalMethod[];
}

/** Buildings at or above this design occupancy inside a park are "crowded places" (our threshold). */
export const CROWDED_BUILDING_OCCUPANCY = 300;
export const FENCE_TOLERANCE_m = 5;

const ringsOf = (f: ModelFeature): readonly (readonly XY[])[] => (f.local.type === 'Polygon' ? f.local.rings : []);

function enclosure(model: ParkModel, out: Finding[]): void {
  const park = model.ofKind('park')[0];
  const fences = model.ofKind('fence');
  const gates = model.ofKind('gate');
  const cite = 'Seed provision 4 (closed park management, 封闭化管理); "ten haves, two bans"';
  if (!fences.length) {
    out.push({
      check: 'enclosure.no-fence',
      severity: 'violation',
      ids: [park.id],
      message: 'the park has no fence: closed management needs a closed perimeter',
      citation: cite,
      verified: true,
    });
    return;
  }
  const fence = fences[0];
  const line = fence.local.type === 'Polygon' ? fence.local.rings[0] : fence.local.type === 'LineString' ? fence.local.line : [];
  const outside: number[] = [];
  for (const [k, v] of ringsOf(park)[0].entries()) {
    if (!pointInPolygon(v, [line]) && pointPolylineDistance(v, line).distance_m > FENCE_TOLERANCE_m) outside.push(k);
  }
  if (outside.length) {
    out.push({
      check: 'enclosure.fence-encloses-park',
      severity: 'violation',
      ids: [fence.id, park.id],
      message: `the fence leaves ${outside.length} corner(s) of the park boundary outside it (vertices ${outside.slice(0, 5).join(', ')})`,
      citation: cite,
      verified: true,
    });
  }
  if (!gates.length)
    out.push({
      check: 'enclosure.no-gates',
      severity: 'violation',
      ids: [fence.id],
      message: 'the fence has no gate: entry of people and vehicles cannot be controlled',
      citation: cite,
      verified: true,
    });
  else if (!gates.some((g) => g.props.admits.includes('hazchem'))) {
    out.push({
      check: 'enclosure.no-hazchem-gate',
      severity: 'warning',
      ids: [fence.id],
      message: 'no gate admits hazardous-chemical vehicles: their entry point is not defined',
      citation: cite,
      verified: true,
    });
  }
  for (const g of gates) {
    if (g.props.admits.includes('hazchem') && g.props.admits.includes('people')) {
      out.push({
        check: 'enclosure.hazchem-gate-shared-with-people',
        severity: 'warning',
        ids: [g.id],
        message: 'this gate admits hazchem vehicles and people: keep people and hazardous goods apart',
        citation:
          '滨海新区落实《“十四五”危险化学品安全生产规划方案》实施方案 (2022): closed park management (封闭化管理) — a manned gate for hazchem vehicles only, people and goods kept apart, as enclosed parks practise it',
        verified: true,
      });
    }
  }
}

function bans(model: ParkModel, out: Finding[]): void {
  const park = model.ofKind('park')[0];
  const rings = ringsOf(park);
  const inside = (f: ModelFeature) =>
    footprintDistance_m(footprintOf(f), footprintOf(park)) === 0 && (f.local.type !== 'Point' || pointInPolygon(f.anchor, rings));
  const cite = `"Two bans": no residents and no labour-intensive enterprises inside a chemical park; ${PLAN}, 保障安全距离 (move labour-intensive enterprises and crowded places out of the park)`;
  for (const t of model.ofKind('protected_target')) {
    if (['residential', 'village'].includes(t.props.category) && pointInPolygon(t.anchor, rings)) {
      out.push({
        check: 'bans.residents-in-park',
        severity: 'violation',
        ids: [t.id],
        message: `${t.props.name} (${t.props.population} people) lies inside the park boundary`,
        citation: cite,
        verified: true,
      });
    }
  }
  for (const e of model.ofKind('enterprise')) {
    if (e.props.labour_intensive && inside(e)) {
      out.push({
        check: 'bans.labour-intensive-enterprise',
        severity: 'violation',
        ids: [e.id],
        message: `${e.props.name} is a labour-intensive enterprise (${e.props.employees} employees) inside the park`,
        citation: cite,
        verified: true,
        values: { employees: e.props.employees },
      });
    }
  }
  for (const b of model.ofKind('building')) {
    if (!pointInPolygon(b.anchor, rings)) continue;
    if (b.props.use === 'dormitory') {
      out.push({
        check: 'bans.residents-in-park',
        severity: 'violation',
        ids: [b.id],
        message: 'a dormitory inside the park: people live in it',
        citation: cite,
        verified: true,
      });
    } else if (b.props.design_occupancy >= CROWDED_BUILDING_OCCUPANCY && !['fire_station', 'admin', 'central_control_room'].includes(b.props.use)) {
      out.push({
        check: 'bans.crowded-building',
        severity: 'warning',
        ids: [b.id],
        message: `${b.props.design_occupancy} people by design in a ${b.props.use} inside the park (crowded place, ≥ ${CROWDED_BUILDING_OCCUPANCY})`,
        citation: `${cite}; the ${CROWDED_BUILDING_OCCUPANCY}-person threshold is parktwin's, not a standard's`,
        verified: false,
        values: { design_occupancy: b.props.design_occupancy },
      });
    }
  }
}

/**
 * The land-use safety control line around the park (the seed's "ten haves": 有周边土地规划安全控制线)
 * keeps protected targets and places where people gather out of the area the park's risk reaches:
 * GB 36894-2018 sets the individual risk each kind of protected target may bear, and the control
 * line is drawn so that none stands where that risk is exceeded. A protected target, or a crowded
 * building outside the park, inside the line is reported (neighbouring plants are not protected
 * targets of this kind and are left out). Our reading of the provision: unverified.
 */
function controlLine(model: ParkModel, out: Finding[]): void {
  const lines = model.ofKind('land_use_control_line');
  if (!lines.length) return;
  const park = model.ofKind('park')[0];
  const parkRings = park ? ringsOf(park) : null;
  const cite = `${PLAN}, 化工园区"十有" (a safety control line for the surrounding land use); GB 36894-2018 (individual risk limits per protected target)`;
  for (const line of lines) {
    const lfp = footprintOf(line);
    const rings = ringsOf(line);
    const inside = (f: ModelFeature) => footprintDistance_m(footprintOf(f), lfp) === 0 && (f.local.type !== 'Point' || pointInPolygon(f.anchor, rings));
    for (const t of model.ofKind('protected_target')) {
      if (t.props.category === 'neighbouring_plant' || !inside(t)) continue;
      const sensitive = t.props.gb36894_category === 'high_sensitivity' || t.props.gb36894_category === 'important';
      out.push({
        check: 'control-line.protected-target-inside',
        severity: sensitive || t.props.population >= 30 ? 'violation' : 'warning',
        ids: [t.id, line.id],
        message: `${t.props.name} (${t.props.category}, ${t.props.population} people, GB 36894 ${t.props.gb36894_category}) stands inside the land-use safety control line`,
        citation: cite,
        verified: false,
        values: { population: t.props.population },
      });
    }
    for (const b of model.ofKind('building')) {
      if (b.props.design_occupancy < CROWDED_BUILDING_OCCUPANCY || (parkRings && pointInPolygon(b.anchor, parkRings)) || !inside(b)) continue;
      out.push({
        check: 'control-line.crowded-place-inside',
        severity: 'violation',
        ids: [b.id, line.id],
        message: `a ${b.props.use} for ${b.props.design_occupancy} people (a place where people gather) stands outside the park but inside the land-use safety control line`,
        citation: cite,
        verified: false,
        values: { design_occupancy: b.props.design_occupancy },
      });
    }
  }
}

function occupiedPlaces(model: ParkModel, out: Finding[]): void {
  const units = model.ofKind('process_unit').filter((u) => u.props.fire_class === '甲' || u.props.fire_class === '乙');
  const dikes = model.ofKind('dike');
  for (const b of model.ofKind('building')) {
    if (!OCCUPIED_BUILDING_USES.includes(b.props.use)) continue;
    const fb = footprintOf(b);
    for (const u of units) {
      if (coreDistance_m(fb.core, footprintOf(u).core) === 0) {
        out.push({
          check: 'layout.occupied-room-in-unit',
          severity: 'violation',
          ids: [b.id, u.id],
          message: `a ${b.props.use} (${b.props.design_occupancy} people) stands inside the class ${u.props.fire_class} process unit ${u.props.name}`,
          citation: `GB 50160-2008 §5.2; MEM 2017 criteria for major hidden hazards (control or shift room inside a unit with explosive chemicals); ${PLAN}, 保障安全距离`,
          verified: true,
        });
      }
    }
    for (const d of dikes) {
      if (coreDistance_m(fb.core, footprintOf(d).core) === 0) {
        out.push({
          check: 'layout.occupied-building-in-dike',
          severity: 'violation',
          ids: [b.id, d.id],
          message: `a ${b.props.use} stands inside the tank-farm dike ${d.id}`,
          citation: `GB 50074-2014 §6.5 (nothing but tanks and their piping inside a dike); ${PLAN}, 保障安全距离`,
          verified: true,
        });
      }
    }
  }
}

/** Effective capacity of a dike: its volume to the top less what the other tanks displace below it. */
export function dikeCapacity(
  dike: ModelFeature<'dike'>,
  tanks: ModelFeature<'tank'>[],
): { gross_m3: number; displaced_m3: number; effective_m3: number; largest: ModelFeature<'tank'> | undefined } {
  const h = dike.props.height_m;
  const gross = polygonArea_m2(ringsOf(dike)) * h;
  const largest = tanks.reduce<ModelFeature<'tank'> | undefined>((m, t) => (!m || t.props.capacity_m3 > m.props.capacity_m3 ? t : m), undefined);
  let displaced = 0;
  for (const t of tanks) {
    if (t === largest) continue;
    const s = tankShape(t);
    // a horizontal tank on saddles displaces little below a low dike; vertical tanks their base area
    displaced += t.props.roof === 'horizontal' ? 0 : Math.PI * s.radius_m ** 2 * Math.min(h, s.height_m);
  }
  return { gross_m3: gross, displaced_m3: displaced, effective_m3: gross - displaced, largest };
}

/**
 * Above-ground tanks of flammable or combustible liquid stand in groups enclosed by a dike (GB 50160
 * §6.2, GB 50351): a liquid tank with no dike has no containment, and — its group being itself — no
 * spacing rule of a tank group applies to it. Reported, never passed over.
 */
function undikedTanks(model: ParkModel, out: Finding[]): void {
  for (const t of model.ofKind('tank')) {
    if (t.props.dike_id || !t.props.fire_class) continue;
    out.push({
      check: 'layout.tank-without-dike',
      severity: 'violation',
      ids: [t.id],
      message: `a class ${t.props.fire_class} liquid tank (${t.props.capacity_m3} m³) stands in no dike: nothing contains a spill, and the spacing rules of a tank group are not checked for it`,
      citation: 'GB 50160-2008 §6.2 (above-ground flammable-liquid tank groups enclosed by a dike) and GB 50351 (dike design) [clause numbers unverified]',
      verified: false,
      values: { capacity_m3: t.props.capacity_m3 },
    });
  }
}

/**
 * A work zone the layout declares with a hot-work or confined-space window longer than a permit of
 * that kind may run (GB 30871-2022 ch. 5: special and grade-1 hot work at most 8 h, grade 2 at most
 * 72 h; ch. 6: confined space at most 24 h, unverified). A layout zone names no grade, so a hot-work
 * window over 8 h is a warning (only a grade-2 permit could cover it) and over 72 h a violation.
 */
function workZoneWindows(model: ParkModel, out: Finding[]): void {
  for (const z of model.ofKind('zone')) {
    if ((z.props.purpose !== 'hot_work' && z.props.purpose !== 'confined_space') || !z.props.valid_from || !z.props.valid_to) continue;
    const op = OPS[z.props.purpose];
    const window_h = Math.round(((Date.parse(z.props.valid_to) - Date.parse(z.props.valid_from)) / 3600_000) * 10) / 10;
    const strict = z.props.purpose === 'hot_work' ? op.max_validity_h['1'] : op.max_validity_h['*'];
    const lenient = z.props.purpose === 'hot_work' ? op.max_validity_h['2'] : op.max_validity_h['*'];
    if (window_h <= strict) continue;
    const violation = window_h > lenient;
    out.push({
      check: 'layout.work-window-too-long',
      severity: violation ? 'violation' : 'warning',
      ids: [z.id],
      message:
        z.props.purpose === 'hot_work'
          ? `its hot-work window runs ${window_h} h: a special or grade-1 hot-work permit is valid at most ${strict} h${violation ? `, grade 2 at most ${lenient} h` : ' (only a grade-2 permit, at most 72 h, could cover it): split it or file it as grade 2'}`
          : `its confined-space window runs ${window_h} h: a confined-space permit is valid at most ${strict} h`,
      citation: `${op.validity_basis}`,
      verified: false,
      values: { window_h, max_h: strict },
    });
  }
}

function dikeRules(model: ParkModel, ruleSets: readonly LoadedRuleSet[], out: Finding[]): void {
  const tanks = model.ofKind('tank');
  for (const set of ruleSets) {
    for (const rule of set.rules) {
      if (rule.type !== 'dike_capacity' && rule.type !== 'dike_height') continue;
      for (const d of model.ofKind('dike')) {
        const inside = tanks.filter((t) => t.props.dike_id === d.id);
        if (!inside.some((t) => whereHolds(t.props as Record<string, unknown>, rule.tanks))) continue;
        if (rule.type === 'dike_capacity') dikeCapacityFinding(d, inside, rule, out);
        else dikeHeightFinding(d, rule, out);
      }
    }
  }
}

function dikeCapacityFinding(d: ModelFeature<'dike'>, inside: ModelFeature<'tank'>[], rule: DikeCapacityRule, out: Finding[]) {
  const c = dikeCapacity(d, inside);
  const required = (c.largest?.props.capacity_m3 ?? 0) * rule.fraction_of_largest;
  if (c.effective_m3 >= required) return;
  out.push({
    check: rule.id,
    severity: 'violation',
    ids: [d.id, c.largest!.id],
    message: `the dike holds ${Math.round(c.effective_m3)} m³ (${Math.round(c.gross_m3)} m³ less ${Math.round(c.displaced_m3)} m³ displaced by the other tanks), less than the ${Math.round(required)} m³ of ${c.largest!.id}`,
    citation: rule.citation,
    verified: rule.verified,
    values: { effective_m3: Math.round(c.effective_m3), required_m3: Math.round(required) },
  });
}

function dikeHeightFinding(d: ModelFeature<'dike'>, rule: DikeHeightRule, out: Finding[]) {
  const h = d.props.height_m;
  if (rule.min_m !== undefined && h < rule.min_m) {
    out.push({
      check: rule.id,
      severity: 'violation',
      ids: [d.id],
      message: `the dike is ${h} m high, below ${rule.min_m} m`,
      citation: rule.citation,
      verified: rule.verified,
      values: { height_m: h, min_m: rule.min_m },
    });
  }
  if (rule.max_m !== undefined && h > rule.max_m) {
    out.push({
      check: rule.id,
      severity: 'violation',
      ids: [d.id],
      message: `the dike is ${h} m high, above ${rule.max_m} m`,
      citation: rule.citation,
      verified: rule.verified,
      values: { height_m: h, max_m: rule.max_m },
    });
  }
}

/** Seed provision 7: scope of the "four systems" for large oil and gas storage bases. */
export const STORAGE_BASE_SCOPE = {
  crude_oil: { substances: ['crude_oil'], tank_m3: 100_000, total_m3: 1_000_000 },
  refined_products: { substances: ['gasoline', 'diesel', 'jet_fuel', 'naphtha'], tank_m3: 5_000, total_m3: 50_000 },
  lng: { substances: ['lng'], tank_m3: 10_000, total_m3: 100_000 },
} as const;

function storageBases(model: ParkModel, out: Finding[]): StorageBase[] {
  const sensors = model.ofKind('sensor');
  const watching = new Map<string, Set<string>>();
  for (const s of sensors) {
    if (!s.props.watches) continue;
    let set = watching.get(s.props.watches);
    if (!set) watching.set(s.props.watches, (set = new Set()));
    set.add(s.props.type);
  }
  const has = (ids: (string | undefined)[], type: string) => ids.some((id) => id !== undefined && watching.get(id)?.has(type));
  const bases: StorageBase[] = [];
  const byEnterprise = new Map<string, ModelFeature<'tank'>[]>();
  for (const t of model.ofKind('tank')) {
    const key = t.props.enterprise_id ?? '(none)';
    const list = byEnterprise.get(key) ?? [];
    list.push(t);
    byEnterprise.set(key, list);
  }
  for (const [enterprise, tanks] of byEnterprise) {
    for (const [type, scope] of Object.entries(STORAGE_BASE_SCOPE) as [StorageBase['type'], (typeof STORAGE_BASE_SCOPE)[keyof typeof STORAGE_BASE_SCOPE]][]) {
      const members = tanks.filter((t) => (scope.substances as readonly string[]).includes(findSubstance(t.props.substance)?.id ?? t.props.substance));
      const total = members.reduce((s, t) => s + t.props.capacity_m3, 0);
      const largest = Math.max(0, ...members.map((t) => t.props.capacity_m3));
      if (largest < scope.tank_m3 || total < scope.total_m3) continue;
      const sys = (test: (t: ModelFeature<'tank'>) => boolean) => {
        const missing = members.filter((t) => !test(t)).map((t) => t.id);
        return {
          equipped: members.length - missing.length,
          total: members.length,
          rate: Math.round(((members.length - missing.length) / members.length) * 1000) / 1000,
          missing,
        };
      };
      const base: StorageBase = {
        enterprise,
        type,
        tanks: members.map((t) => t.id),
        total_m3: total,
        largest_m3: largest,
        systems: {
          gas_detection: sys((t) => has([t.id], 'combustible_gas') || has([t.id], 'toxic_gas')),
          video: sys((t) => has([t.id, t.props.dike_id], 'video')),
          emergency_shutoff: sys((t) => has([t.id], 'esd_valve')),
          lightning_warning: sys((t) => has([t.id, t.props.dike_id, t.props.enterprise_id], 'lightning')),
        },
      };
      bases.push(base);
      for (const [name, s] of Object.entries(base.systems)) {
        if (s.rate < 1) {
          out.push({
            check: 'storage-base.four-systems',
            severity: 'violation',
            ids: [enterprise, ...s.missing],
            message: `${name.replace('_', ' ')}: ${s.equipped} of ${s.total} tanks of this ${type.replace('_', ' ')} storage base equipped (${Math.round(s.rate * 100)} %); the plan requires 100 %`,
            citation: `${PLAN}, 大型油气储存基地"四个系统" (gas detection, video, emergency shut-off, lightning warning 100 % equipped)`,
            verified: true,
            values: { equipped: s.equipped, total: s.total, system: name },
          });
        }
      }
    }
  }
  return bases;
}

/**
 * GB/T 37243-2019 §4, the choice of method for the external safety distance (from our reading of
 * the text, which we could not reach to confirm — unverified):
 *   - an installation holding explosives → the consequence method (overpressure);
 *   - an installation whose toxic and flammable *gases* reach Σ q/Q ≥ 1 (GB 18218 Q; its other
 *     substances do not count) → quantitative risk assessment against GB 36894, and once an
 *     enterprise has such an installation, all its installations are assessed together by QRA;
 *   - otherwise → the distances of the design codes (GB 50160, GB 50016, GB 50074 …).
 * An installation is judged by the GB 18218 unit it belongs to (a dike, a process unit).
 */
function externalMethods(model: ParkModel, units: HazardUnit[]): ExternalMethod[] {
  const unitOf = new Map<string, HazardUnit>();
  for (const u of units) for (const m of u.members) unitOf.set(m, u);
  /** Σ q/Q of a unit's toxic and flammable gases, and which they are. */
  const gasesOf = (u: HazardUnit) => {
    const gases = u.substances.filter((x) => {
      const s = findSubstance(x.substance);
      return s?.gas && (s.toxic || s.flammable);
    });
    return { ratio: Math.round(gases.reduce((a, x) => a + x.q_t / x.Q_t, 0) * 1e4) / 1e4, ids: gases.map((x) => x.substance) };
  };
  // the installations that send their enterprise to QRA
  const qraUnits = new Map<string, HazardUnit>();
  for (const u of units) if (u.enterprise && !qraUnits.has(u.enterprise) && gasesOf(u).ratio >= 1) qraUnits.set(u.enterprise, u);
  const out: ExternalMethod[] = [];
  for (const f of [...model.ofKind('tank'), ...model.ofKind('vessel'), ...model.ofKind('process_unit')] as ModelFeature<'tank' | 'vessel' | 'process_unit'>[]) {
    const p = f.props as { substance: string; other_substances?: { substance: string }[] };
    const names = [p.substance, ...(p.other_substances ?? []).map((o) => o.substance)];
    const subs = names.map((n) => findSubstance(n));
    const unit = unitOf.get(f.id);
    const gases = unit ? gasesOf(unit) : { ratio: 0, ids: [] };
    const trigger = unit?.enterprise ? qraUnits.get(unit.enterprise) : undefined;
    if (subs.some((s) => s?.explosive)) out.push({ installation: f.id, unit: unit?.unit ?? f.id, method: 'consequence', reason: 'holds explosives' });
    else if (unit && gases.ratio >= 1)
      out.push({
        installation: f.id,
        unit: unit.unit,
        method: 'risk',
        reason: `its toxic and flammable gases (${[...new Set(gases.ids)].join(', ')}) reach Σ q/Q = ${gases.ratio} ≥ 1`,
      });
    else if (unit && trigger)
      out.push({
        installation: f.id,
        unit: unit.unit,
        method: 'risk',
        reason: `assessed together with ${trigger.unit}: its enterprise ${unit.enterprise} has an installation whose toxic and flammable gases reach Σ q/Q ≥ 1`,
      });
    else
      out.push({
        installation: f.id,
        unit: unit?.unit ?? f.id,
        method: 'code',
        reason: subs.some((s) => !s)
          ? 'no gas or explosive known to parktwin (some substances unresolved)'
          : gases.ratio > 0
            ? `its toxic and flammable gases reach only Σ q/Q = ${gases.ratio} < 1`
            : 'no explosive, and no toxic or flammable gas',
      });
  }
  return out;
}

export function checkLayout(model: ParkModel, ruleSets: readonly LoadedRuleSet[], units = identifyMajorHazards(model)): LayoutReport {
  const findings: Finding[] = [];
  enclosure(model, findings);
  bans(model, findings);
  occupiedPlaces(model, findings);
  controlLine(model, findings);
  dikeRules(model, ruleSets, findings);
  undikedTanks(model, findings);
  workZoneWindows(model, findings);
  const bases = storageBases(model, findings);
  const order = { violation: 0, warning: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity] || a.check.localeCompare(b.check) || a.ids[0].localeCompare(b.ids[0]));
  return { findings, storage_bases: bases, external_safety_methods: externalMethods(model, units) };
}
