/**
 * An ESRI Shapefile (its .shp, with the .dbf's attributes, the .prj's coordinate system and the
 * .cpg's text encoding — GBK assumed without one, as Chinese GIS data most often is) into a parktwin
 * layout: bytes in, features and a report out (pure; asynchronous, as the shapefile reader is).
 * One file is one kind: the mapping's `kind`, else a `kind` column, else the file's name read as a
 * layer name (储罐.shp → tank). Attribute columns become properties by the mapping's `columns`, else
 * under their own name when it is a property name (lower case); numbers stay numbers.
 */
import { read } from 'shapefile';
import { type Crs, toLonLat } from './crs.ts';
import { DEFAULT_LAYER_KINDS, ImportError, type ImportResult, layoutOf, newReport } from './dxf.ts';
import { IMPORT_KINDS, type ImportKind, idMaker } from './kinds.ts';
import type { KmlMapping } from './kml.ts';

export interface ShpMapping extends KmlMapping {
  /** The kind of every feature of the file. */
  kind?: ImportKind;
  /** Property defaults of every feature. */
  properties?: Record<string, unknown>;
}

export interface ShpInput {
  /** The file's name without extension (a layer name for the default mapping). */
  name: string;
  shp: Uint8Array;
  dbf?: Uint8Array;
  /** The .cpg's text (the DBF's encoding). */
  cpg?: string;
}

export async function importShp(input: ShpInput, opts: { crs?: Crs; mapping?: ShpMapping; layoutName?: string } = {}): Promise<ImportResult> {
  const encoding = (input.cpg ?? '').trim() || 'gbk';
  let fc: Awaited<ReturnType<typeof read>>;
  try {
    fc = await read(input.shp, input.dbf, { encoding: /^(utf-?8|65001)$/i.test(encoding) ? 'utf-8' : encoding.toLowerCase() });
  } catch (e) {
    throw new ImportError(`not a readable Shapefile (${(e as Error).message})`);
  }
  const report = newReport();
  report.units = `text encoding ${input.cpg ? encoding : 'GBK (no .cpg: assumed)'}`;
  if (!input.cpg) report.guesses.push('the attributes read as GBK (no .cpg file says otherwise)');
  let place: (x: number, y: number) => [number, number];
  if (opts.crs) {
    place = toLonLat(opts.crs);
    report.placement = `${opts.crs.name} (${opts.crs.code})`;
    if (opts.crs.warning) report.warnings.push(opts.crs.warning);
  } else {
    const [x0, y0, x1, y1] = (fc as unknown as { bbox?: number[] }).bbox ?? [0, 0, 0, 0];
    if ([x0, x1].some((x) => Math.abs(x) > 180) || [y0, y1].some((y) => Math.abs(y) > 90))
      throw new ImportError('the coordinates are projected and no .prj says how: give --crs EPSG:n');
    place = (x, y) => [x, y];
    report.placement = 'WGS 84 longitude and latitude (no .prj: assumed from the coordinates)';
    report.guesses.push('coordinates taken as WGS 84 longitude and latitude (no .prj)');
  }
  const m = opts.mapping;
  const fileKind = m?.kind ?? DEFAULT_LAYER_KINDS.find(([re]) => re.test(input.name))?.[1] ?? null;
  const features: { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> }[] = [];
  const idOf = idMaker();
  let defaulted = false;
  for (const f of fc.features) {
    const props = f.properties ?? {};
    const col = typeof props.kind === 'string' && (IMPORT_KINDS as readonly string[]).includes(props.kind) ? (props.kind as ImportKind) : null;
    const kind = m?.kind ?? col ?? fileKind;
    if (!kind || !f.geometry) {
      report.skipped.push({
        layer: input.name,
        type: f.geometry?.type ?? 'null',
        count: 1,
        why: kind ? 'no geometry' : 'no kind: give --map {"kind": …} or a kind column',
      });
      continue;
    }
    const g = f.geometry;
    const pt = (c: number[]) => place(c[0], c[1]).map((v) => Math.round(v * 1e8) / 1e8) as [number, number];
    let geometry: { type: string; coordinates: unknown };
    if (g.type === 'Point') geometry = { type: 'Point', coordinates: pt(g.coordinates as number[]) };
    else if (g.type === 'LineString') geometry = { type: 'LineString', coordinates: (g.coordinates as number[][]).map(pt) };
    else if (g.type === 'Polygon') geometry = { type: 'Polygon', coordinates: (g.coordinates as number[][][]).map((r) => r.map(pt)) };
    else {
      report.skipped.push({ layer: input.name, type: g.type, count: 1, why: 'multi-part geometries are not read' });
      continue;
    }
    const p: Record<string, unknown> = { kind };
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || k === 'kind') continue;
      const to = m?.columns?.[k] ?? (k === 'NAME' || k === 'Name' ? 'name' : k === 'ID' || k === 'Id' ? 'id' : k);
      if (/^[a-z][a-z0-9_]*$/.test(to)) p[to] = typeof v === 'string' ? v.trim() : v;
    }
    for (const [k, v] of Object.entries(m?.properties ?? {}))
      if (p[k] === undefined) {
        p[k] = v;
        defaulted = true;
      }
    const id = idOf(kind, p.id);
    p.id = id;
    features.push({ type: 'Feature', geometry, properties: p });
    report.counts[kind] = (report.counts[kind] ?? 0) + 1;
  }
  if (!features.length) throw new ImportError(`nothing recognisable in ${input.name}: ${report.skipped.map((s) => s.why)[0] ?? 'no features'}`);
  report.layers.push({
    layer: input.name,
    kind: fileKind,
    by: m?.kind ? 'mapping' : fileKind ? 'default' : 'none',
    entities: fc.features.length,
    features: features.length,
    texts: 0,
  });
  if (defaulted) report.defaults.push(`${input.name}: ${Object.keys(m?.properties ?? {}).join(', ')} from the mapping`);
  return {
    layout: layoutOf(features, opts.layoutName),
    report,
  };
}
