/**
 * OPC UA items by browse path: a path from the Objects folder (`/2:DCS/2:T_CHL_01/2:GD1/2:PV`) is
 * followed step by step over the server's hierarchical references; a `*` step matches every child, so
 * a path with `*` is a pattern — every variable it reaches is an item, its sensor the template with
 * `{1}`, `{2}` … replaced by the browse names the `*` steps matched. Resolved at each connection
 * (a DCS reconfigured between two connections is followed). What a path does not reach, and a match
 * whose sensor the layout lacks or another item feeds already, is reported, not fatal.
 */
import { BrowseDirection, type ClientSession, NodeClass, type ReferenceDescription } from 'node-opcua';
import { isPattern, type OpcUaSourceConfig } from './config.ts';

export interface ResolvedItem {
  /** The NodeId to monitor. */
  node: string;
  sensor: string;
  scale: number;
  offset: number;
  /** The item as configured (its NodeId or path), for reports. */
  from: string;
}

type Step = { ns: number | undefined; name: string };

/** The steps of a browse path (`/2:Name/*`): a namespace index (if given) and a browse name or `*`. */
export function parsePath(path: string): Step[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => {
      const m = /^(\d+):(.*)$/.exec(s);
      return m ? { ns: Number(m[1]), name: m[2] } : { ns: undefined, name: s };
    });
}

/** The Objects folder (OPC 10000-5 §8.2.4: i=85). */
const OBJECTS = 'ns=0;i=85';

export async function resolveItems(
  session: ClientSession,
  items: OpcUaSourceConfig['items'],
  isSensor: (id: string) => boolean,
): Promise<{ items: ResolvedItem[]; missing: { item: string; reason: string }[] }> {
  const cache = new Map<string, Promise<ReferenceDescription[]>>();
  const children = (nodeId: string) => {
    let p = cache.get(nodeId);
    if (!p) {
      p = (async () => {
        let r = await session.browse({
          nodeId,
          browseDirection: BrowseDirection.Forward,
          referenceTypeId: 'HierarchicalReferences',
          includeSubtypes: true,
          nodeClassMask: 0,
          resultMask: 63,
        });
        const refs = [...(r.references ?? [])];
        while (r.continuationPoint?.length) {
          r = await session.browseNext(r.continuationPoint, false);
          refs.push(...(r.references ?? []));
        }
        return refs;
      })();
      cache.set(nodeId, p);
    }
    return p;
  };
  const out: ResolvedItem[] = [];
  const missing: { item: string; reason: string }[] = [];
  const fed = new Set(items.filter((i) => !isPattern(i)).map((i) => i.sensor));
  for (const it of items) {
    if (it.node !== undefined) {
      out.push({ node: it.node, sensor: it.sensor, scale: it.scale, offset: it.offset, from: it.node });
      continue;
    }
    const path = it.path!;
    let frontier: { node: string; captures: string[]; cls: NodeClass | undefined }[] = [{ node: OBJECTS, captures: [], cls: NodeClass.Object }];
    for (const step of parsePath(path)) {
      const next: typeof frontier = [];
      for (const f of frontier) {
        for (const ref of await children(f.node)) {
          const name = ref.browseName.name ?? '';
          if (step.ns !== undefined && ref.browseName.namespaceIndex !== step.ns) continue;
          if (step.name !== '*' && name !== step.name) continue;
          next.push({ node: ref.nodeId.toString(), captures: step.name === '*' ? [...f.captures, name] : f.captures, cls: ref.nodeClass });
        }
      }
      frontier = next;
      if (!frontier.length) break;
    }
    const pattern = isPattern(it);
    // a pattern takes the variables it reaches; a plain path its one node, whatever it is (the server says if it has no value)
    const hits = pattern ? frontier.filter((f) => f.cls === NodeClass.Variable) : frontier.slice(0, 1);
    if (!hits.length) missing.push({ item: path, reason: pattern ? 'the pattern matches no variable' : 'no node at this path' });
    for (const h of hits) {
      const sensor = pattern ? it.sensor.replace(/\{(\d)\}/g, (_, k: string) => h.captures[Number(k) - 1] ?? `{${k}}`) : it.sensor;
      if (pattern && !isSensor(sensor)) missing.push({ item: `${path} → ${h.node}`, reason: `the layout has no sensor "${sensor}"` });
      else if (pattern && fed.has(sensor)) missing.push({ item: `${path} → ${h.node}`, reason: `sensor "${sensor}" is fed by another item` });
      else {
        fed.add(sensor);
        out.push({ node: h.node, sensor, scale: it.scale, offset: it.offset, from: path });
      }
    }
  }
  return { items: out, missing };
}
