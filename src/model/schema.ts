/**
 * The parktwin layout format, version 1: a GeoJSON FeatureCollection (RFC 7946, WGS84 lon/lat,
 * heights and sizes in metres) whose every feature has `properties.kind` and a unique
 * `properties.id`. The zod schemas here are the single source of truth: the TypeScript types are
 * inferred from them and `npm run schema` writes the JSON Schema shipped in schema/.
 *
 * Geometry rules that zod cannot say well (closed rings, self-intersection) and rules across
 * features (ids, references, gates on the fence) live in validate.ts.
 */
import { z } from 'zod';
import {
  BUILDING_USES,
  EMERGENCY_RESOURCE_TYPES,
  GATE_ADMITS,
  GB36894_CATEGORIES,
  HAZARDOUS_PROCESSES,
  LIQUID_FIRE_CLASSES,
  PIPELINE_PLACEMENTS,
  PROCESS_FIRE_CLASSES,
  SAFETY_GRADES,
  SENSOR_TYPES,
  TANK_ROOFS,
  TARGET_CATEGORIES,
  ZONE_PURPOSES,
} from './enums.ts';

export const FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Building blocks

/** A number within [min, max] in the unit named; the message says both. */
const qty = (min: number, max: number, unit: string) =>
  z
    .number({ error: `must be a number (${unit})` })
    .min(min, { error: (iss) => `${String(iss.input)} ${unit} is below the minimum ${min} ${unit}` })
    .max(max, { error: (iss) => `${String(iss.input)} ${unit} is above the plausible maximum ${max} ${unit}` });

const count = (max: number) =>
  z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must not be negative' })
    .max(max, { error: `above the plausible maximum ${max}` });

const text = z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: () => `must be one of ${values.join(', ')}` });

export const FeatureId = z.string({ error: 'must be a string' }).regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, {
  error: 'must be 1–64 characters: letters, digits, and _ . : - (not first)',
});

const ref = FeatureId; // a reference to another feature's id; existence is checked in validate.ts

const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-28T08:00:00+08:00' });

/** The three persons responsible for a major hazard source (主要负责人、技术负责人、操作负责人). */
export const Responsible = z.object({
  principal: text,
  technical: text,
  operational: text,
});

// ---------------------------------------------------------------------------------------------
// Geometry (RFC 7946). Ranges are checked here; ring closure and self-intersection in validate.ts.

const lon = z
  .number({ error: 'longitude must be a number' })
  .min(-180, { error: (iss) => `longitude ${String(iss.input)} is outside [-180, 180]` })
  .max(180, { error: (iss) => `longitude ${String(iss.input)} is outside [-180, 180]` });
const lat = z
  .number({ error: 'latitude must be a number' })
  .min(-90, { error: (iss) => `latitude ${String(iss.input)} is outside [-90, 90]` })
  .max(90, { error: (iss) => `latitude ${String(iss.input)} is outside [-90, 90]` });
export const Position = z.tuple([lon, lat], z.number({ error: 'altitude must be a number' }));
const LineCoords = z.array(Position).min(2, { error: 'a line needs at least 2 positions' });
const RingCoords = z.array(Position).min(4, { error: 'a ring needs at least 4 positions (closed)' });

export const PointGeom = z.object({ type: z.literal('Point'), coordinates: Position });
export const LineStringGeom = z.object({ type: z.literal('LineString'), coordinates: LineCoords });
export const PolygonGeom = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(RingCoords).min(1, { error: 'a polygon needs an outer ring' }),
});
export type PointGeom = z.infer<typeof PointGeom>;
export type LineStringGeom = z.infer<typeof LineStringGeom>;
export type PolygonGeom = z.infer<typeof PolygonGeom>;
export type Geometry = PointGeom | LineStringGeom | PolygonGeom;

// ---------------------------------------------------------------------------------------------
// Properties per kind

const base = {
  id: FeatureId,
  name: text.optional(),
  /** English name where `name` is Chinese (or the reverse); shown by the UI in the other language. */
  name_en: text.optional(),
  enterprise_id: ref.optional(),
};

/** A stream or picture address: absolute http(s), or a path on the parktwin server. */
const mediaUrl = z
  .string({ error: 'must be a string' })
  .trim()
  .regex(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, { error: 'must be an http(s) address or a path starting with /' });

/** A fixed camera (a PTZ camera by its home position): heading, tilt and field of view, how far it usefully sees, its streams. */
export const Camera = z.object({
  /** Direction of the optical axis, degrees clockwise from north. */
  heading_deg: qty(0, 360, '°'),
  /** Tilt of the optical axis, degrees above the horizontal (negative: looking down). */
  tilt_deg: qty(-90, 45, '°').default(-15),
  /** Horizontal field of view, degrees (360: a panoramic camera). */
  fov_deg: qty(1, 360, '°').default(60),
  /** Vertical field of view, degrees (default: a 16:9 picture of the horizontal one). */
  vfov_deg: qty(1, 180, '°').optional(),
  /** How far the camera usefully sees (recognises a person or a vehicle), m. */
  range_m: qty(5, 5000, 'm').default(150),
  /** HLS playlist (.m3u8) of the live stream. */
  hls_url: mediaUrl.optional(),
  /** A still picture of now (JPEG or PNG). */
  snapshot_url: mediaUrl.optional(),
});

const inventory = {
  /** Substance stored or processed, e.g. `crude_oil`, `chlorine` (resolved by the GB 18218 table). */
  substance: text,
  /** Maximum quantity present, tonnes (GB 18218 q). */
  inventory_t: qty(0, 500_000, 't'),
  responsible: Responsible,
};

export const PROPERTIES = {
  park: z.object({
    ...base,
    name: text,
    /** Park safety risk grade A (highest risk) … D (lower risk). */
    safety_grade: oneOf(SAFETY_GRADES).optional(),
  }),
  land_use_control_line: z.object({ ...base }),
  enterprise: z.object({
    ...base,
    name: text,
    industry: text,
    major_hazard: z.boolean({ error: 'must be true or false' }),
    labour_intensive: z.boolean({ error: 'must be true or false' }).default(false),
    employees: count(200_000),
  }),
  fence: z.object({ ...base, height_m: qty(0.5, 10, 'm').optional() }),
  gate: z.object({
    ...base,
    fence_id: ref,
    admits: z.array(oneOf(GATE_ADMITS)).min(1, { error: 'a gate admits at least one class' }),
    manned: z.boolean({ error: 'must be true or false' }),
    normally_closed: z.boolean({ error: 'must be true or false' }).default(false),
  }),
  tank: z.object({
    ...base,
    ...inventory,
    /** Shell diameter, m. Required for a Point tank; for a Polygon tank the polygon is the shell. */
    diameter_m: qty(0.5, 120, 'm').optional(),
    /** Shell height, m (for a horizontal tank: its diameter). */
    height_m: qty(0.5, 80, 'm'),
    /** Length of a horizontal tank, m. */
    length_m: qty(1, 80, 'm').optional(),
    /** Axis bearing of a horizontal tank, degrees clockwise from north. */
    orientation_deg: qty(0, 360, '°').optional(),
    roof: oneOf(TANK_ROOFS),
    capacity_m3: qty(0.1, 250_000, 'm³'),
    /** GB 50160 class of the contents; omitted for non-flammable contents (chlorine, caustic soda, acids). */
    fire_class: oneOf(LIQUID_FIRE_CLASSES).optional(),
    design_pressure_kPa: qty(-10, 10_000, 'kPa').optional(),
    dike_id: ref.optional(),
  }),
  vessel: z.object({
    ...base,
    ...inventory,
    diameter_m: qty(0.2, 30, 'm'),
    height_m: qty(0.2, 120, 'm'),
    horizontal: z.boolean().default(false),
    fire_class: oneOf(LIQUID_FIRE_CLASSES).optional(),
    design_pressure_kPa: qty(-100, 50_000, 'kPa').optional(),
    unit_id: ref.optional(),
  }),
  process_unit: z.object({
    ...base,
    name: text,
    ...inventory,
    height_m: qty(1, 150, 'm'),
    fire_class: oneOf(PROCESS_FIRE_CLASSES),
    hazardous_processes: z.array(oneOf(HAZARDOUS_PROCESSES)).default([]),
    /** Further substances present besides `substance`, with their maximum quantities. */
    other_substances: z.array(z.object({ substance: text, inventory_t: qty(0, 500_000, 't') })).default([]),
  }),
  flare: z.object({ ...base, height_m: qty(5, 250, 'm'), diameter_m: qty(0.1, 5, 'm').optional() }),
  dike: z.object({ ...base, height_m: qty(0.2, 6, 'm') }),
  pipe_rack: z.object({
    ...base,
    width_m: qty(1, 40, 'm'),
    height_m: qty(2, 40, 'm'),
    tiers: z
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'a rack has at least 1 tier' })
      .max(10, { error: 'above the plausible maximum 10' }),
  }),
  pipeline: z.object({
    ...base,
    substance: text,
    diameter_mm: qty(10, 3000, 'mm'),
    placement: oneOf(PIPELINE_PLACEMENTS),
    rack_id: ref.optional(),
  }),
  building: z.object({
    ...base,
    height_m: qty(2, 300, 'm'),
    floors: count(100).optional(),
    use: oneOf(BUILDING_USES),
    design_occupancy: count(100_000),
    blast_resistant: z.boolean().default(false),
  }),
  zone: z.object({
    ...base,
    purpose: oneOf(ZONE_PURPOSES),
    height_m: qty(0.5, 200, 'm').default(10),
    max_occupancy: count(100_000).optional(),
    /** Longest a vehicle or person may stay in the zone (a hazchem parking's dwell limit), minutes. */
    max_dwell_min: qty(1, 10_080, 'min').optional(),
    authorised_roles: z.array(text).default([]),
    valid_from: isoTime.optional(),
    valid_to: isoTime.optional(),
    /** Special-operation permit (hot work, confined space …) with the people on it. */
    permit: z.object({ number: text, holders: z.array(text) }).optional(),
  }),
  protected_target: z.object({
    ...base,
    name: text,
    category: oneOf(TARGET_CATEGORIES),
    population: count(10_000_000),
    gb36894_category: oneOf(GB36894_CATEGORIES),
  }),
  sensor: z.object({
    ...base,
    type: oneOf(SENSOR_TYPES),
    height_m: qty(0, 200, 'm').default(0.5),
    unit: text,
    substance: text.optional(),
    thresholds: z
      .object({
        LL: z.number().optional(),
        L: z.number().optional(),
        H: z.number().optional(),
        HH: z.number().optional(),
      })
      .default({}),
    /** Expected reporting period, s; silence past 3 periods is "communication lost". */
    period_s: qty(0.1, 86_400, 's').default(10),
    /** The installation this sensor watches. */
    watches: ref.optional(),
    /** A video sensor's camera: where it looks and where its pictures are (the sensor's height_m is the mounting height). */
    camera: Camera.optional(),
  }),
  road: z.object({ ...base, width_m: qty(2, 60, 'm'), hazchem_route: z.boolean().default(false) }),
  railway: z.object({ ...base, tracks: count(20).default(1) }),
  power_line: z.object({ ...base, voltage_kV: qty(0.4, 1200, 'kV'), tower_height_m: qty(5, 150, 'm') }),
  emergency_resource: z.object({
    ...base,
    type: oneOf(EMERGENCY_RESOURCE_TYPES),
    capacity: qty(0, 1_000_000, 'units').optional(),
    capacity_unit: text.optional(),
  }),
} as const;

/** Which GeoJSON geometry types each kind may use. */
export const GEOMETRY_TYPES: Record<keyof typeof PROPERTIES, readonly Geometry['type'][]> = {
  park: ['Polygon'],
  land_use_control_line: ['Polygon'],
  enterprise: ['Polygon'],
  fence: ['LineString', 'Polygon'],
  gate: ['Point'],
  tank: ['Point', 'Polygon'],
  vessel: ['Point'],
  process_unit: ['Polygon'],
  flare: ['Point'],
  dike: ['Polygon'],
  pipe_rack: ['LineString'],
  pipeline: ['LineString'],
  building: ['Polygon'],
  zone: ['Polygon'],
  protected_target: ['Point', 'Polygon'],
  sensor: ['Point'],
  road: ['LineString'],
  railway: ['LineString'],
  power_line: ['LineString'],
  emergency_resource: ['Point'],
};

export type PropsOf<K extends keyof typeof PROPERTIES> = z.output<(typeof PROPERTIES)[K]>;

/** A validated feature of kind K: its properties carry `kind` as the discriminant. */
export type LayoutFeature<K extends keyof typeof PROPERTIES = keyof typeof PROPERTIES> = {
  [P in K]: {
    type: 'Feature';
    geometry: Geometry;
    properties: PropsOf<P> & { kind: P };
  };
}[K];

export const ParktwinMeta = z.object({
  version: z.literal(FORMAT_VERSION, { error: `this parktwin reads layout format version ${FORMAT_VERSION}` }),
  name: text.optional(),
  /** Anchor of the local east-north-up frame; defaults to the centre of the park boundary. */
  origin: z.tuple([lon, lat]).optional(),
  /** IANA time zone of the park, for permits and shift times. */
  timezone: text.default('Asia/Shanghai'),
});
export type ParktwinMeta = z.output<typeof ParktwinMeta>;

export interface Layout {
  type: 'FeatureCollection';
  parktwin: ParktwinMeta;
  features: LayoutFeature[];
}

/** The JSON Schema of one kind's feature (for the shipped schema file). */
export function featureSchema(kind: keyof typeof PROPERTIES) {
  const geoms = GEOMETRY_TYPES[kind].map((t) => (t === 'Point' ? PointGeom : t === 'LineString' ? LineStringGeom : PolygonGeom));
  return z.object({
    type: z.literal('Feature'),
    geometry: geoms.length === 1 ? geoms[0] : z.union(geoms as [typeof PointGeom, typeof PolygonGeom]),
    properties: PROPERTIES[kind].extend({ kind: z.literal(kind) }),
  });
}
