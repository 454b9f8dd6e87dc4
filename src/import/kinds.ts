/** What the importers make: the kinds a source's layer can become, the geometries each takes, and the ids. */

/** Kinds a drawing's layer (a folder, a file) can become. */
export const IMPORT_KINDS = [
  'park',
  'enterprise',
  'fence',
  'gate',
  'tank',
  'process_unit',
  'dike',
  'building',
  'zone',
  'road',
  'pipe_rack',
  'pipeline',
  'flare',
  'protected_target',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The kinds drawn as polygons, lines and points. */
export const POLYGON_KINDS = new Set<string>(['park', 'enterprise', 'dike', 'process_unit', 'building', 'zone', 'tank', 'protected_target']);
export const LINE_KINDS = new Set<string>(['fence', 'road', 'pipe_rack', 'pipeline']);
export const POINT_KINDS = new Set<string>(['gate', 'tank', 'flare', 'protected_target']);

const ID_PREFIX: Record<ImportKind, string> = {
  park: 'PARK',
  enterprise: 'E',
  fence: 'FENCE',
  gate: 'G',
  tank: 'T',
  process_unit: 'U',
  dike: 'DK',
  building: 'B',
  zone: 'Z',
  road: 'R',
  pipe_rack: 'PR',
  pipeline: 'PL',
  flare: 'FL',
  protected_target: 'PT',
};

/**
 * A maker of unique ids for one import: a label that looks like an id (T-101) and is still free is
 * taken as it is, else the kind's prefix and a number (T-001, T-002 …).
 */
export function idMaker(): (kind: ImportKind, label?: unknown) => string {
  const used = new Set<string>();
  const next: Partial<Record<ImportKind, number>> = {};
  return (kind, label) => {
    let id = typeof label === 'string' && /^[A-Za-z][A-Za-z0-9_-]{0,40}$/.test(label) && !used.has(label) ? label : '';
    while (!id || used.has(id)) {
      next[kind] = (next[kind] ?? 0) + 1;
      id = `${ID_PREFIX[kind]}-${String(next[kind]).padStart(3, '0')}`;
    }
    used.add(id);
    return id;
  };
}
