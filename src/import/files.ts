/**
 * An import from files (bytes in, features out, no file system): the main file chosen by its
 * extension (.dxf, .osm, .kml, .shp; .geojson needs none) or named by `format`, a Shapefile's .dbf,
 * .prj and .cpg taken from among the others, a .prj beside a drawing read for its system, the layer →
 * kind choices applied. The planner's import dialog runs it in the browser with the files dropped;
 * `parktwin import` (bin/cli.ts) with the file named and the ones beside it.
 */
import { parseControlPoints } from './controlPoints.ts';
import { type Crs, parseCrs } from './crs.ts';
import { ImportError, type ImportResult, importDxf } from './dxf.ts';
import { importKml } from './kml.ts';
import type { ImportKind } from './kinds.ts';
import { importOsm } from './osm.ts';
import { importShp, type ShpMapping } from './shp.ts';

export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

export interface FileImportOptions {
  /** The drawing's system (EPSG:4527 …) when no .prj comes with it. */
  crs?: string;
  /** Control points (`x,y,lon,lat` lines) placing a local grid. */
  control?: string;
  /** A mapping file's content (`--map`): kinds and property defaults per layer; columns for KML and Shapefiles. */
  mapping?: ShpMapping;
  /** Per layer: the kind chosen (null: left out), over the mapping's. */
  layers?: Record<string, ImportKind | null>;
  name?: string;
  /** The format of the first file, when its extension does not say it (`--from`). */
  format?: ImportFormat;
  /** How far a control point may sit from the fitted grid, m (DXF; default the importer's). */
  tolerance_m?: number;
  /** The drawing keeps survey X (north) as its x (DXF). */
  swapXY?: boolean;
  /** Largest distance between an arc and its chords, m (DXF). */
  chord_m?: number;
  /** People per km² of a residential area without a headcount (OpenStreetMap). */
  density_per_km2?: number;
}

export const IMPORT_EXTENSIONS = ['dxf', 'osm', 'kml', 'shp'] as const;
export type ImportFormat = (typeof IMPORT_EXTENSIONS)[number];
/** Whether a file extension or `--from` names a format the import reads. */
export const isImportFormat = (f: string | undefined): f is ImportFormat => (IMPORT_EXTENSIONS as readonly (string | undefined)[]).includes(f);
/** An import error that says the main file is not of its format at all (the CLI's exit code 2). */
export const NOT_THE_FORMAT = /not a readable (DXF|Shapefile)|not an OSM extract|not a KML document/;
const ext = (name: string) => name.split('.').pop()?.toLowerCase() ?? '';
const text = (f: DroppedFile) => new TextDecoder('utf-8').decode(f.bytes);

/** The file the import reads (the others are its companions), or null when none can be imported. */
export const mainFile = (files: readonly DroppedFile[]) => files.find((f) => isImportFormat(ext(f.name))) ?? null;

export async function importFiles(files: readonly DroppedFile[], opts: FileImportOptions = {}): Promise<ImportResult> {
  const main = opts.format ? files[0] : mainFile(files);
  if (!main) throw new ImportError(`nothing to import among ${files.map((f) => f.name).join(', ')}: give a .dxf, .osm, .kml or .shp`);
  const stem = main.name.replace(/\.[^.]+$/, '');
  const beside = (e: string) => files.find((f) => f.name.replace(/\.[^.]+$/, '') === stem && ext(f.name) === e);
  const prj = beside('prj');
  const crs: Crs | undefined = opts.crs?.trim() ? parseCrs(opts.crs.trim()) : prj && !opts.control ? parseCrs(text(prj)) : undefined;
  const layers = opts.layers ?? {};
  // the choices made in the dialog over the mapping file's (its property defaults kept)
  const mapping: ShpMapping | undefined =
    opts.mapping || Object.keys(layers).length
      ? {
          ...opts.mapping,
          layers: {
            ...opts.mapping?.layers,
            ...Object.fromEntries(Object.entries(layers).map(([l, kind]) => [l, { ...opts.mapping?.layers?.[l], kind }])),
          },
        }
      : undefined;
  switch (opts.format ?? ext(main.name)) {
    case 'shp': {
      const dbf = beside('dbf');
      const cpg = beside('cpg');
      // the mapping file's (columns, property defaults), the file's kind as chosen in the dialog over it
      const kind = layers[stem] ?? opts.mapping?.layers?.[stem]?.kind;
      return importShp(
        { name: stem, shp: main.bytes, dbf: dbf?.bytes, cpg: cpg ? text(cpg) : undefined },
        { crs, mapping: { ...opts.mapping, ...(kind ? { kind } : {}) }, layoutName: opts.name },
      );
    }
    case 'osm':
      return importOsm(text(main), { name: opts.name, kinds: opts.mapping?.kinds, layers, density_per_km2: opts.density_per_km2 });
    case 'kml':
      return importKml(text(main), { mapping, name: opts.name });
    default:
      return importDxf(text(main), {
        crs,
        control: opts.control?.trim() ? { points: parseControlPoints(opts.control), tolerance_m: opts.tolerance_m } : undefined,
        mapping,
        swapXY: opts.swapXY,
        chord_m: opts.chord_m,
        name: opts.name,
      });
  }
}
