/**
 * The alarm list as operators read it (pure): one row per sensor, showing its most important active
 * alarm (high priority first, then HH/LL before H/L, then the newest) with the others behind it; each
 * row named — the sensor, the installation it watches, the enterprise — in the page's language.
 *
 * During an alarm flood in an area (EEMUA 191: more than 10 alarms in 10 minutes) the area's rows
 * fold into one banner — except a high-priority alarm, or one on a GB 18218 major hazard unit: the
 * purpose of flood suppression is to hide the less important, never those.
 */
import type { HazardUnit } from '../geo/compliance/majorHazards.ts';
import type { ParkModel } from '../model/model.ts';
import { displayName } from '../model/names.ts';
import type { AlarmLevel, LiveAlarm } from '../protocol/events.ts';

export interface AlarmRow {
  sensor: string;
  /** The most important active alarm of the sensor. */
  alarm: LiveAlarm;
  /** Its other active alarms (an HH row carries its H here). */
  others: LiveAlarm[];
  name: string;
  /** The installation the sensor watches, by name (null: none). */
  installation: string | null;
  enterprise: string | null;
  /** The enterprise's id, or `park`: the flood area. */
  area: string;
  /** On a major hazard source (a unit with a grade). */
  majorHazard: boolean;
}

const LEVEL_RANK: Record<AlarmLevel, number> = { HH: 0, LL: 0, H: 1, L: 1 };
/** Before: high priority, then the more severe level, then the newer. */
export const moreImportant = (a: LiveAlarm, b: LiveAlarm) =>
  (a.priority === 'high' ? 0 : 1) - (b.priority === 'high' ? 0 : 1) || LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || b.since - a.since;

export function alarmRows(model: ParkModel, alarms: readonly LiveAlarm[], units: readonly HazardUnit[], lang: string): AlarmRow[] {
  const graded = new Set(units.filter((u) => u.grade !== null).flatMap((u) => [u.unit, ...u.members]));
  const bySensor = new Map<string, LiveAlarm[]>();
  for (const a of alarms) {
    const l = bySensor.get(a.sensor);
    if (l) l.push(a);
    else bySensor.set(a.sensor, [a]);
  }
  const rows: AlarmRow[] = [];
  for (const [sensor, list] of bySensor) {
    const [alarm, ...others] = [...list].sort(moreImportant);
    const s = model.byId.get(sensor);
    const p = (s?.props ?? {}) as { watches?: string; enterprise_id?: string; name?: string };
    const watched = p.watches ? model.byId.get(p.watches) : undefined;
    const enterpriseId = p.enterprise_id ?? (watched?.props as { enterprise_id?: string } | undefined)?.enterprise_id ?? null;
    rows.push({
      sensor,
      alarm,
      others,
      name: displayName(s?.props, lang, sensor),
      installation: watched ? displayName(watched.props, lang, watched.id) : null,
      enterprise: enterpriseId ? displayName(model.byId.get(enterpriseId)?.props, lang, enterpriseId) : null,
      area: enterpriseId ?? 'park',
      majorHazard: !!p.watches && graded.has(p.watches),
    });
  }
  return rows.sort((a, b) => moreImportant(a.alarm, b.alarm));
}

/** Rows split for display: those folded into each flooding area's banner, and those always shown. */
export function foldFloods(rows: readonly AlarmRow[], flooding: ReadonlySet<string>): { shown: AlarmRow[]; folded: Map<string, AlarmRow[]> } {
  const shown: AlarmRow[] = [];
  const folded = new Map<string, AlarmRow[]>();
  for (const r of rows) {
    if (!flooding.has(r.area) || r.alarm.priority === 'high' || r.majorHazard) shown.push(r);
    else {
      const g = folded.get(r.area);
      if (g) g.push(r);
      else folded.set(r.area, [r]);
    }
  }
  return { shown, folded };
}
