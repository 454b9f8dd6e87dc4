/**
 * Ingest payloads shared by the server (HTTP, MQTT), the simulator and the CLI: positions and
 * sensor readings, validated with zod. Times are epoch milliseconds or ISO 8601.
 */
import { z } from 'zod';

const time = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })], { error: 't must be epoch milliseconds or an ISO 8601 date-time with offset' });

export const PositionPayload = z.strictObject({
  id: z.string().min(1).max(64),
  kind: z.enum(['person', 'vehicle']),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  floor: z.number().int().optional(),
  t: time,
  role: z.string().min(1).optional(),
  vehicle_class: z.enum(['car', 'goods', 'hazchem', 'emergency']).optional(),
});
export type PositionPayload = z.infer<typeof PositionPayload>;

export const ReadingPayload = z.strictObject({
  sensor: z.string().min(1),
  value: z.number(),
  t: time,
});
export type ReadingPayload = z.infer<typeof ReadingPayload>;

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
