/**
 * An import merged into the layout being edited: the imported features added, their ids made unique
 * against the layout's (a taken id gets a suffix, and the imported features that refer to it — a
 * tank's dike, a sensor's installation — follow), and what the layout has only one of (the park, its
 * fence, its control line) left out when the layout has it already, said so.
 */
import type { Layout } from '../model/schema.ts';

type Feature = Layout['features'][number];

const SINGLE = new Set(['park', 'fence', 'land_use_control_line']);
/** Properties that name another feature. */
const isRef = (key: string) => key.endsWith('_id') || key === 'watches';

export interface Merged {
  features: Feature[];
  renamed: Record<string, string>;
  leftOut: { id: string; kind: string; why: string }[];
}

export function mergeImport(layout: Pick<Layout, 'features'>, imported: readonly unknown[]): Merged {
  const taken = new Set(layout.features.map((f) => f.properties.id));
  const have = new Set(layout.features.map((f) => f.properties.kind));
  const renamed: Record<string, string> = {};
  const leftOut: Merged['leftOut'] = [];
  const keep = (imported as Feature[]).filter((f) => {
    if (SINGLE.has(f.properties.kind) && have.has(f.properties.kind)) {
      leftOut.push({ id: f.properties.id, kind: f.properties.kind, why: `the layout has its ${f.properties.kind} already` });
      return false;
    }
    return true;
  });
  for (const f of keep) {
    const id = f.properties.id;
    if (!taken.has(id)) {
      taken.add(id);
      continue;
    }
    let n = 2;
    while (taken.has(`${id}-${n}`)) n++;
    renamed[id] = `${id}-${n}`;
    taken.add(renamed[id]);
  }
  const features = keep.map((f) => {
    const props: Record<string, unknown> = { ...f.properties };
    for (const [k, v] of Object.entries(props)) if ((k === 'id' || isRef(k)) && typeof v === 'string' && renamed[v]) props[k] = renamed[v];
    return { ...f, properties: props } as Feature;
  });
  return { features, renamed, leftOut };
}
