/**
 * What changed between two layouts: features added, removed and changed (by id), counted per kind,
 * and whether the park's metadata changed. A version's summary on the server, the planner's "what
 * will be saved" — the same function.
 */
import type { Kind } from './enums.ts';
import type { Layout } from './schema.ts';

export interface LayoutChange {
  added: string[];
  removed: string[];
  /** Features whose geometry or properties differ (a kind change counts here). */
  changed: string[];
  /** Per kind (the kind after the change; removed ones by their old kind). */
  byKind: Partial<Record<Kind, { added: number; removed: number; changed: number }>>;
  /** The layout's `parktwin` metadata (origin, time zone …) differs. */
  meta: boolean;
}

/** JSON with object keys in order: two features that differ only in key order are the same. */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}

type Counted = { added: number; removed: number; changed: number };

export function layoutDiff(before: Pick<Layout, 'features' | 'parktwin'> | null, after: Pick<Layout, 'features' | 'parktwin'>): LayoutChange {
  const old = new Map((before?.features ?? []).map((f) => [f.properties.id, f]));
  const out: LayoutChange = {
    added: [],
    removed: [],
    changed: [],
    byKind: {},
    meta: !!before && canonicalJson(before.parktwin) !== canonicalJson(after.parktwin),
  };
  const count = (kind: Kind, what: keyof Counted) => {
    const c = (out.byKind[kind] ??= { added: 0, removed: 0, changed: 0 });
    c[what]++;
  };
  const seen = new Set<string>();
  for (const f of after.features) {
    const id = f.properties.id;
    seen.add(id);
    const was = old.get(id);
    if (!was) out.added.push(id), count(f.properties.kind, 'added');
    else if (canonicalJson(was.geometry) !== canonicalJson(f.geometry) || canonicalJson(was.properties) !== canonicalJson(f.properties))
      out.changed.push(id), count(f.properties.kind, 'changed');
  }
  for (const [id, f] of old) if (!seen.has(id)) out.removed.push(id), count(f.properties.kind, 'removed');
  return out;
}

/** One line for people: "+3 −1 ~2 (tank +3, sensor −1, dike ~2)". */
export function describeChange(c: LayoutChange): string {
  const kinds = Object.entries(c.byKind)
    .map(([k, n]) => `${k}${n.added ? ` +${n.added}` : ''}${n.removed ? ` −${n.removed}` : ''}${n.changed ? ` ~${n.changed}` : ''}`)
    .join(', ');
  const head = `+${c.added.length} −${c.removed.length} ~${c.changed.length}`;
  return `${head}${kinds ? ` (${kinds})` : ''}${c.meta ? ', park settings changed' : ''}`;
}
