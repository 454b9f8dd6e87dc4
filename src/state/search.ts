/**
 * One search over the twin (pure): installations, sensors, zones, protected targets, buildings,
 * enterprises … by id or name in either language, and the people and vehicles on site by tag id,
 * name, role or company. Ranked: the whole id or name first, then a prefix, then a word start, then anywhere.
 */
import type { ParkModel } from '../model/model.ts';
import type { LivePosition } from '../protocol/events.ts';

export interface SearchHit {
  /** A feature's or a subject's id. */
  id: string;
  kind: string;
  /** What to show: the name in the page's language, else the id. */
  label: string;
  /** Where it is, local metres (east, north). */
  at: [number, number];
  subject: boolean;
}

interface Entry {
  id: string;
  kind: string;
  keys: string[];
  name_zh?: string;
  name_en?: string;
  at: [number, number];
}

const index = new WeakMap<ParkModel, Entry[]>();

function entries(model: ParkModel): Entry[] {
  const cached = index.get(model);
  if (cached) return cached;
  const out = model.features
    .filter((f) => f.kind !== 'park')
    .map((f) => {
      const p = f.props as { name?: string; name_en?: string };
      return {
        id: f.id,
        kind: f.kind,
        keys: [f.id, p.name, p.name_en].filter((k): k is string => !!k).map((k) => k.toLowerCase()),
        name_zh: p.name,
        name_en: p.name_en,
        at: [f.anchor[0], f.anchor[1]] as [number, number],
      };
    });
  index.set(model, out);
  return out;
}

/** How well a key matches the query: 0 whole, 1 prefix, 2 a word's start, 3 anywhere, null none. */
function score(key: string, q: string): number | null {
  if (key === q) return 0;
  if (key.startsWith(q)) return 1;
  const i = key.indexOf(q);
  if (i < 0) return null;
  return /[\s\-_·（(]/.test(key[i - 1] ?? '') ? 2 : 3;
}

export function search(model: ParkModel, query: string, positions: Iterable<LivePosition>, lang: string, limit = 12): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: (SearchHit & { score: number })[] = [];
  for (const e of entries(model)) {
    let best: number | null = null;
    for (const k of e.keys) {
      const s = score(k, q);
      if (s !== null && (best === null || s < best)) best = s;
    }
    if (best === null) continue;
    const label = (lang.startsWith('en') ? (e.name_en ?? e.name_zh) : (e.name_zh ?? e.name_en)) ?? e.id;
    hits.push({ id: e.id, kind: e.kind, label, at: e.at, subject: false, score: best });
  }
  for (const p of positions) {
    const keys = [p.id, p.name, p.role, p.company, p.vehicle_class].filter((k): k is string => !!k).map((k) => k.toLowerCase());
    let best: number | null = null;
    for (const k of keys) {
      const s = score(k, q);
      if (s !== null && (best === null || s < best)) best = s;
    }
    if (best === null) continue;
    const [x, y] = model.frame.toLocal([p.lon, p.lat]);
    hits.push({ id: p.id, kind: p.kind, label: [p.name ?? p.id, p.company ?? p.role].filter(Boolean).join(' · '), at: [x, y], subject: true, score: best });
  }
  return hits
    .sort((a, b) => a.score - b.score || Number(a.subject) - Number(b.subject) || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map(({ score: _s, ...h }) => h);
}
