/**
 * OpenStreetMap around and inside a park (an `.osm` XML extract or Overpass JSON, through
 * osmtogeojson) into a parktwin layout: bytes in, features and a report out (pure).
 *
 * - man_made=storage_tank → tank (its outline, or a node with `diameter`), `height` kept;
 * - building → building (`height`, else `building:levels` × 3 m, a guess said so);
 *   power=substation → a substation building;
 * - landuse=industrial → enterprise (the largest becomes the park when nothing says park, said so);
 * - barrier=fence|wall → fence, and barrier=gate nodes → gates (on the nearest fence within 10 m);
 * - highway=* → road (`width` kept); man_made=pipeline → pipeline (`substance` kept);
 * - around the park: amenity=school|kindergarten|hospital|social_facility, landuse=residential and
 *   place=village|hamlet → protected targets with GB 36894's category; their population from the
 *   `population` tag, else from a density you give (people per km², areas only), marked estimated.
 * What OSM cannot say (a tank's substance, inventory, roof …) is left for validation to name.
 */
import { parseXml } from './xml.ts';
import osmtogeojson from 'osmtogeojson';
import { createFrame } from '../geo/primitives/frame.ts';
import { pointSegmentDistance_m, polygonArea_m2 } from '../geo/primitives/planar.ts';
import { ImportError, type ImportResult, layoutOf, newReport } from './dxf.ts';
import { type ImportKind, idMaker } from './kinds.ts';

export interface OsmOptions {
  /** People per km² for residential areas and villages without a `population` tag. */
  density_per_km2?: number;
  name?: string;
  /** Property defaults per kind (`--map`'s `kinds`), filled where OSM says nothing, reported. */
  kinds?: Partial<Record<ImportKind, { properties?: Record<string, unknown> }>>;
  /** What a group of the report (the kind the tags made) becomes instead: another kind, or null to leave it out. */
  layers?: Record<string, ImportKind | null>;
}

type Geo = { type: string; coordinates: unknown };
const TARGETS: Record<string, { category: string; gb: string }> = {
  school: { category: 'school', gb: 'high_sensitivity' },
  kindergarten: { category: 'kindergarten', gb: 'high_sensitivity' },
  hospital: { category: 'hospital', gb: 'high_sensitivity' },
  social_facility: { category: 'care_home', gb: 'high_sensitivity' },
  residential: { category: 'residential', gb: 'general_1' },
  village: { category: 'village', gb: 'general_1' },
  hamlet: { category: 'village', gb: 'general_2' },
};
const num = (v: unknown): number | undefined => {
  const n = Number(String(v ?? '').replace(/\s*m$/, ''));
  return Number.isFinite(n) && String(v ?? '').trim() !== '' ? n : undefined;
};

/** What a set of OSM tags is in a layout, or null. */
function classify(t: Record<string, unknown>, geometry: string): { kind: ImportKind; target?: (typeof TARGETS)[string] } | null {
  const area = geometry === 'Polygon' || geometry === 'MultiPolygon';
  if (t.man_made === 'storage_tank') return { kind: 'tank' };
  if (t.power === 'substation' && area) return { kind: 'building' };
  if (t.building && area) return { kind: 'building' };
  if (t.landuse === 'industrial' && area) return { kind: 'enterprise' };
  if ((t.barrier === 'fence' || t.barrier === 'wall') && geometry !== 'Point') return { kind: 'fence' };
  if (t.barrier === 'gate' && geometry === 'Point') return { kind: 'gate' };
  if (t.highway && geometry === 'LineString') return { kind: 'road' };
  if (t.man_made === 'pipeline' && geometry === 'LineString') return { kind: 'pipeline' };
  const target = TARGETS[String(t.amenity ?? '')] ?? (t.landuse === 'residential' && area ? TARGETS.residential : undefined) ?? TARGETS[String(t.place ?? '')];
  if (target && (area || geometry === 'Point')) return { kind: 'protected_target', target };
  return null;
}

/** Imports an OSM extract (XML) or an Overpass answer (JSON). Throws ImportError for anything else. */
export function importOsm(text: string, opts: OsmOptions = {}): ImportResult {
  let data: unknown;
  const s = text.trimStart();
  try {
    if (s.startsWith('<')) {
      data = parseXml(s);
      if (!(data as Document).getElementsByTagName('osm').length) throw new Error('no <osm> element');
    } else {
      data = JSON.parse(s);
      if (!Array.isArray((data as { elements?: unknown }).elements)) throw new Error('no "elements" array');
    }
  } catch (e) {
    throw new ImportError(`not an OSM extract or an Overpass answer (${(e as Error).message})`);
  }
  const gj = osmtogeojson(data, { flatProperties: true });
  const report = newReport('degrees (WGS 84)', 'OpenStreetMap (WGS 84)');
  const byTag = new Map<string, { kind: ImportKind | null; entities: number; features: number; by: 'default' | 'mapping' | 'none' }>();
  const out: { geometry: Geo; properties: Record<string, unknown> }[] = [];
  const all = gj.features.filter((f) => f.geometry);
  if (!all.length) throw new ImportError('the extract holds no way, node or relation with a geometry');
  const [lon0, lat0] = firstPoint(all[0].geometry as Geo);
  const frame = createFrame([lon0, lat0]);
  const local = (c: [number, number]) => frame.toLocal(c) as unknown as [number, number];

  for (const f of all) {
    const t = f.properties;
    const g = f.geometry as Geo;
    const found = classify(t, g.type);
    const tag = found ? `${found.kind}` : 'other';
    // the import dialog's choice for what the tags made (a kind, or null: left out)
    const chosen = found && opts.layers && tag in opts.layers ? opts.layers[tag] : undefined;
    const c = found && chosen !== undefined ? (chosen === null ? null : { ...found, kind: chosen }) : found;
    const stat = byTag.get(tag) ?? { kind: c?.kind ?? null, entities: 0, features: 0, by: chosen !== undefined ? 'mapping' : found ? 'default' : 'none' };
    byTag.set(tag, stat);
    stat.entities++;
    if (!c) continue;
    if (g.type === 'MultiPolygon' || g.type === 'MultiLineString') {
      report.skipped.push({ layer: String(f.id), type: g.type, count: 1, why: 'multi-part geometries are not read' });
      continue;
    }
    const name = typeof t.name === 'string' ? t.name : undefined;
    const p: Record<string, unknown> = { kind: c.kind, ...(name ? { name } : {}), ...(typeof t['name:en'] === 'string' ? { name_en: t['name:en'] } : {}) };
    let geometry = g;
    if (c.kind === 'tank') {
      const d = num(t.diameter);
      if (d) p.diameter_m = d;
      const h = num(t.height);
      if (h) p.height_m = h;
      if (t.content) report.guesses.push(`${f.id}: content=${String(t.content)} is not a substance: the tank's substance is left to you`);
    } else if (c.kind === 'building') {
      const h = num(t.height) ?? (num(t['building:levels']) !== undefined ? num(t['building:levels'])! * 3 : undefined);
      if (h) p.height_m = h;
      if (!num(t.height) && num(t['building:levels']) !== undefined) report.guesses.push(`${f.id}: height ${h} m from ${t['building:levels']} levels × 3 m`);
      if (t.power === 'substation') p.use = 'substation';
    } else if (c.kind === 'fence' && g.type === 'Polygon') {
      geometry = { type: 'LineString', coordinates: (g.coordinates as [number, number][][])[0] };
    } else if (c.kind === 'road') {
      const w = num(t.width);
      if (w) p.width_m = w;
    } else if (c.kind === 'pipeline' && typeof t.substance === 'string') p.substance = t.substance;
    else if (c.kind === 'protected_target' && c.target) {
      p.category = c.target.category;
      p.gb36894_category = c.target.gb;
      const pop = num(t.population);
      if (pop !== undefined) p.population = Math.round(pop);
      else if (g.type === 'Polygon' && opts.density_per_km2) {
        const area_km2 = polygonArea_m2((g.coordinates as [number, number][][]).map((r) => r.map(local))) / 1e6;
        p.population = Math.max(1, Math.round(area_km2 * opts.density_per_km2));
        report.guesses.push(
          `${f.id}${name ? ` (${name})` : ''}: population ${p.population} estimated from ${area_km2.toFixed(3)} km² at ${opts.density_per_km2} people/km²`,
        );
      }
      if (p.population !== undefined && c.target.gb.startsWith('general')) {
        const n = p.population as number;
        p.gb36894_category = n >= 100 ? 'general_1' : n >= 30 ? 'general_2' : 'general_3';
      }
    }
    const defaults = opts.kinds?.[c.kind]?.properties;
    if (defaults) for (const [k, v] of Object.entries(defaults)) if (p[k] === undefined) p[k] = v;
    out.push({ geometry, properties: p });
    stat.features++;
  }
  for (const [k, d] of Object.entries(opts.kinds ?? {}))
    if (d?.properties && out.some((f) => f.properties.kind === k))
      report.defaults.push(`${k}: ${Object.keys(d.properties).join(', ')} from the mapping where OSM says nothing`);

  // the park: a park boundary is not an OSM tag; the largest industrial area is taken as the park (said so)
  const industrial = out.filter((f) => f.properties.kind === 'enterprise' && f.geometry.type === 'Polygon');
  if (industrial.length) {
    const areaOf = (f: (typeof out)[number]) => polygonArea_m2((f.geometry.coordinates as [number, number][][]).map((r) => r.map(local)));
    const largest = industrial.reduce((a, b) => (areaOf(b) > areaOf(a) ? b : a));
    out.unshift({
      geometry: largest.geometry,
      properties: { kind: 'park', name: opts.name ?? (largest.properties.name as string | undefined) ?? 'imported park' },
    });
    report.guesses.push(`park: the largest landuse=industrial area (${Math.round(areaOf(largest) / 1e4)} ha) taken as the park boundary`);
  } else report.warnings.push('no park boundary: no landuse=industrial area in the extract (a layout needs a park)');

  // ids, and gates on the nearest fence within 10 m
  const idOf = idMaker();
  for (const f of out) {
    const k = String(f.properties.kind);
    f.properties = { kind: k, id: idOf(k as ImportKind), ...f.properties };
    report.counts[k as ImportKind] = (report.counts[k as ImportKind] ?? 0) + 1;
  }
  const fences = out.filter((f) => f.properties.kind === 'fence');
  for (const g of out.filter((f) => f.properties.kind === 'gate')) {
    const at = local(g.geometry.coordinates as [number, number]);
    let best: string | null = null;
    let bestD = 10;
    for (const fe of fences) {
      const line = (fe.geometry.coordinates as [number, number][]).map(local);
      for (let i = 0; i + 1 < line.length; i++) {
        const d = pointSegmentDistance_m(at, line[i], line[i + 1]);
        if (d <= bestD) [best, bestD] = [String(fe.properties.id), d];
      }
    }
    if (best) g.properties.fence_id = best;
  }
  for (const [tag, s] of byTag)
    report.layers.push({
      layer: tag === 'other' ? '(other tags)' : tag,
      kind: s.kind,
      by: s.by,
      entities: s.entities,
      features: s.features,
      texts: 0,
    });
  return {
    layout: layoutOf(
      out.map((f) => ({ type: 'Feature', ...f })),
      opts.name,
    ),
    report,
  };
}

function firstPoint(g: Geo): [number, number] {
  let c: unknown = g.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as [number, number];
}
