/**
 * Ingest payloads shared by the server (HTTP, MQTT), the simulator and the CLI: positions and
 * sensor readings, validated with zod. Times are epoch milliseconds or ISO 8601.
 */
import { z } from 'zod';

/**
 * The largest time a JavaScript Date holds (ECMA-262 §21.4.1.1: ±8.64·10¹⁵ ms): anything later is no
 * time at all. Readings this far ahead are refused again by the clock check of the live state.
 */
export const MAX_TIME_MS = 8.64e15;
const time = z.union([z.number().int().nonnegative().max(MAX_TIME_MS), z.iso.datetime({ offset: true })], {
  error: 't must be epoch milliseconds or an ISO 8601 date-time with offset',
});

/** Control characters (C0, DEL, C1, line and paragraph separators) — never in an id or a name: they forge log lines and break stores (PostgreSQL refuses NUL). */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** An id from outside (a tag, a sensor, a device): 1–64 characters, no control characters. */
export const WireId = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => !CONTROL_CHARS.test(s), { error: 'must not contain control characters' });
/** A short free text from outside (a role, a name): at most `max` characters, no control characters. */
export const wireText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { error: 'must not contain control characters' });
const hasControl = (s: string) => CONTROL_CHARS.test(s);

/** The classes of vehicle a position may name (what a gate admits, beside people). */
export const VEHICLE_CLASSES = ['car', 'goods', 'hazchem', 'emergency'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];

export const PositionPayload = z.strictObject({
  id: WireId,
  kind: z.enum(['person', 'vehicle']),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  floor: z.number().int().optional(),
  t: time,
  role: wireText(64).optional(),
  vehicle_class: z.enum(VEHICLE_CLASSES).optional(),
  /** The person's name, or a vehicle's plate, as the positioning system has it. */
  name: wireText(64).optional(),
  /** The person's or the vehicle's company (an enterprise of the park, a contractor, a carrier). */
  company: wireText(128).optional(),
});
export type PositionPayload = z.infer<typeof PositionPayload>;

export const ReadingPayload = z.strictObject({
  sensor: WireId,
  value: z.number(),
  t: time,
});
export type ReadingPayload = z.infer<typeof ReadingPayload>;

const POSITION_KEYS = new Set(['id', 'kind', 'lon', 'lat', 'floor', 't', 'role', 'vehicle_class', 'name', 'company']);
const VEHICLE_CLASS_SET = new Set<string>(VEHICLE_CLASSES);

/** As isPlainReading, for positions: exactly what PositionPayload accepts, with t in epoch ms. */
export function isPlainPosition(x: unknown): x is PositionPayload {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || Object.getPrototypeOf(x) !== Object.prototype) return false;
  for (const k in x) if (!POSITION_KEYS.has(k)) return false;
  const p = x as Record<string, unknown>;
  const { id, kind, lon, lat, floor, t, role, vehicle_class, name, company } = p;
  return (
    typeof id === 'string' &&
    id.length >= 1 &&
    id.length <= 64 &&
    !hasControl(id) &&
    (kind === 'person' || kind === 'vehicle') &&
    typeof lon === 'number' &&
    lon >= -180 &&
    lon <= 180 &&
    typeof lat === 'number' &&
    lat >= -90 &&
    lat <= 90 &&
    (!('floor' in p) || (typeof floor === 'number' && Number.isSafeInteger(floor))) &&
    typeof t === 'number' &&
    Number.isSafeInteger(t) &&
    t >= 0 &&
    t <= MAX_TIME_MS &&
    (!('role' in p) || (typeof role === 'string' && role.length >= 1 && role.length <= 64 && !hasControl(role))) &&
    (!('vehicle_class' in p) || (typeof vehicle_class === 'string' && VEHICLE_CLASS_SET.has(vehicle_class))) &&
    (!('name' in p) || (typeof name === 'string' && name.length >= 1 && name.length <= 64 && !hasControl(name))) &&
    (!('company' in p) || (typeof company === 'string' && company.length >= 1 && company.length <= 128 && !hasControl(company)))
  );
}

/**
 * The hot path of reading ingest (tens of thousands a second): true when `x` is a reading exactly as
 * ReadingPayload accepts it with t in epoch milliseconds, checked without allocating. It never
 * accepts what the schema rejects (tested against it); anything else — an ISO time, a wrong field —
 * goes through the schema, which also gives the reasons.
 */
export function isPlainReading(x: unknown): x is ReadingPayload {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  let n = 0;
  for (const k in x) {
    if (k !== 'sensor' && k !== 'value' && k !== 't') return false;
    n++;
  }
  const r = x as { sensor?: unknown; value?: unknown; t?: unknown };
  return (
    n === 3 &&
    Object.getPrototypeOf(x) === Object.prototype &&
    typeof r.sensor === 'string' &&
    r.sensor.length > 0 &&
    r.sensor.length <= 64 &&
    !hasControl(r.sensor) &&
    typeof r.value === 'number' &&
    Number.isFinite(r.value) &&
    typeof r.t === 'number' &&
    Number.isSafeInteger(r.t) &&
    r.t >= 0 &&
    r.t <= MAX_TIME_MS
  );
}

export const toEpochMs = (t: number | string): number => (typeof t === 'number' ? t : Date.parse(t));

/** Weather at the park (one object, not a batch): wind at 10 m, direction it blows from, stability class. */
export const WeatherPayload = z.strictObject({
  wind_speed_m_s: z.number().min(0).max(60),
  wind_from_deg: z.number().min(0).max(360),
  stability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  temperature_C: z.number().min(-60).max(60).default(20),
  t: time,
});
export type WeatherPayload = z.infer<typeof WeatherPayload>;
