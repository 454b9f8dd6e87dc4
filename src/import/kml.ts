/**
 * KML (Google Earth, 奥维 and most Chinese GIS tools export it) into a parktwin layout: bytes in,
 * features and a report out (pure). A Placemark's folder is its layer: the folder's name decides the
 * kind as a DXF layer's does (the default Chinese/English names, or `--map`), or an ExtendedData
 * `kind` column; ExtendedData columns become properties — by the mapping's `columns` (`"容量(m³)":
 * "capacity_m3"`), else under their own name when it is a property of the kind — numbers read as
 * numbers. What KML cannot say is left for validation to name.
 */
import { kmlWithFolders } from '@tmcw/togeojson';
import { parseXml } from './xml.ts';
import { DEFAULT_LAYER_KINDS, ImportError, type ImportMapping, type ImportResult, layoutOf, newReport } from './dxf.ts';
import { IMPORT_KINDS, type ImportKind, idMaker, LINE_KINDS, POINT_KINDS, POLYGON_KINDS } from './kinds.ts';

export interface KmlMapping extends ImportMapping {
  /** ExtendedData column → property name. */
  columns?: Record<string, string>;
}

type Geo = { type: string; coordinates: unknown };
interface Node {
  type: string;
  meta?: { name?: string };
  children?: Node[];
  geometry?: Geo | null;
  properties?: Record<string, unknown>;
}

/** Properties KML styling adds that are no layout property. */
const STYLE_KEYS =
  /^(styleUrl|styleHash|styleMapHash|stroke|stroke-opacity|stroke-width|fill|fill-opacity|icon|icon-.*|label-.*|visibility|description|timestamp|@geometry-type|name|kind)$/;

const numeric = (v: unknown) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v);
const flat = (g: Geo): [number, number] => (g.coordinates as number[]).slice(0, 2) as [number, number];
const flatLine = (c: unknown) => (c as number[][]).map((p) => [p[0], p[1]] as [number, number]);

/** Imports a KML document. Throws ImportError for anything that is no KML. */
export function importKml(text: string, opts: { mapping?: KmlMapping; name?: string } = {}): ImportResult {
  let doc: Document;
  try {
    doc = parseXml(text);
    if (!doc.getElementsByTagName('kml').length && !doc.getElementsByTagName('Document').length) throw new Error('no <kml> element');
  } catch (e) {
    throw new ImportError(`not a KML document (${(e as Error).message})`);
  }
  const root = kmlWithFolders(doc as never) as unknown as Node;
  const report = newReport('degrees (WGS 84)', 'KML (WGS 84)');
  const perLayer = new Map<string, { kind: ImportKind | null; by: 'default' | 'mapping' | 'none'; entities: number; features: number; defaulted: boolean }>();
  const out: { geometry: Geo; properties: Record<string, unknown> }[] = [];
  const walk = (n: Node, folder: string) => {
    if (n.type === 'folder') {
      for (const c of n.children ?? []) walk(c, n.meta?.name ?? folder);
      return;
    }
    if (n.type === 'root') {
      for (const c of n.children ?? []) walk(c, folder);
      return;
    }
    if (n.type !== 'Feature' || !n.geometry) return;
    const props = n.properties ?? {};
    const m = opts.mapping?.layers?.[folder];
    const column = typeof props.kind === 'string' && (IMPORT_KINDS as readonly string[]).includes(props.kind) ? (props.kind as ImportKind) : null;
    const byDefault = DEFAULT_LAYER_KINDS.find(([re]) => re.test(folder))?.[1] ?? null;
    const kind = m ? m.kind : (column ?? byDefault);
    const stat = perLayer.get(folder) ?? { kind, by: m ? 'mapping' : kind ? 'default' : 'none', entities: 0, features: 0, defaulted: false };
    perLayer.set(folder, stat);
    stat.entities++;
    if (!kind) {
      report.skipped.push({
        layer: folder,
        type: n.geometry.type,
        count: 1,
        why: m ? 'the mapping leaves this folder out' : 'the folder maps to no kind (add it to --map)',
      });
      return;
    }
    let g = n.geometry;
    if (g.type === 'Point' && POINT_KINDS.has(kind)) g = { type: 'Point', coordinates: flat(g) };
    else if (g.type === 'LineString' && LINE_KINDS.has(kind)) g = { type: 'LineString', coordinates: flatLine(g.coordinates) };
    else if (g.type === 'Polygon' && POLYGON_KINDS.has(kind)) g = { type: 'Polygon', coordinates: (g.coordinates as unknown[]).map(flatLine) };
    else if (g.type === 'Polygon' && kind === 'fence') g = { type: 'LineString', coordinates: flatLine((g.coordinates as unknown[])[0]) };
    else {
      report.skipped.push({ layer: folder, type: g.type, count: 1, why: `a ${g.type} cannot be a ${kind}` });
      return;
    }
    const p: Record<string, unknown> = { kind };
    if (typeof props.name === 'string' && props.name.trim()) p.name = props.name.trim();
    for (const [k, v] of Object.entries(props)) {
      if (STYLE_KEYS.test(k)) continue;
      const to = opts.mapping?.columns?.[k] ?? k;
      if (/^[a-z][a-z0-9_]*$/.test(to)) p[to] = numeric(v);
    }
    for (const [k, v] of Object.entries(m?.properties ?? {}))
      if (p[k] === undefined) {
        p[k] = v;
        stat.defaulted = true;
      }
    out.push({ geometry: g, properties: p });
    stat.features++;
  };
  walk(root, '(no folder)');
  if (!out.length) {
    const found = [...perLayer].map(([l, s]) => `${l} (${s.entities})`).join(', ');
    throw new ImportError(`nothing recognisable: no folder maps to a kind of the layout. Folders found: ${found || 'none'}; map them with --map`);
  }
  const idOf = idMaker();
  for (const f of out) {
    const k = String(f.properties.kind);
    f.properties = { kind: k, ...f.properties, id: idOf(k as ImportKind, f.properties.id) };
    report.counts[k as ImportKind] = (report.counts[k as ImportKind] ?? 0) + 1;
  }
  for (const [layer, s] of perLayer) {
    report.layers.push({ layer, kind: s.kind, by: s.by, entities: s.entities, features: s.features, texts: 0 });
    if (s.defaulted) report.defaults.push(`${layer}: ${Object.keys(opts.mapping?.layers?.[layer]?.properties ?? {}).join(', ')} from the mapping`);
  }
  if (!report.counts.park) report.warnings.push('no park boundary: map the folder that holds it to kind "park" (a layout needs one)');
  return {
    layout: layoutOf(
      out.map((f) => ({ type: 'Feature', ...f })),
      opts.name,
    ),
    report,
  };
}
