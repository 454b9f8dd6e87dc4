/**
 * MQTT ingest: subscribes to the broker at PARKTWIN_MQTT_URL and feeds the same validated path as
 * HTTP. Topics (QoS 1):
 *   parktwin/ingest/positions   {"token": "<PARKTWIN_INGEST_TOKEN>", "data": [<position>, …]}
 *   parktwin/ingest/readings    {"token": "<PARKTWIN_INGEST_TOKEN>", "data": [<reading>, …]}
 *   parktwin/ingest/weather     {"token": "<PARKTWIN_INGEST_TOKEN>", "data": <weather>}
 *   parktwin/ingest/video       {"token": "<PARKTWIN_INGEST_TOKEN>", "data": <analytics event> or [<event>, …]}
 * A message without the right token, not JSON, or with a bad batch is counted and applied not at
 * all; the reason is published on parktwin/ingest/rejected as {"topic", "error", "reasons"?}.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { IngestError, type LiveState } from '../domain/live.ts';
import { redactUrl } from '../auth/secrets.ts';
import type { VideoDesk } from '../domain/videoDesk.ts';

export const MQTT_TOPICS = {
  positions: 'parktwin/ingest/positions',
  readings: 'parktwin/ingest/readings',
  weather: 'parktwin/ingest/weather',
  video: 'parktwin/ingest/video',
  rejected: 'parktwin/ingest/rejected',
} as const;

export interface MqttIngest {
  readonly client: MqttClient;
  readonly counters: { messages: number; rejected: number };
  /** Resolves once subscribed. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** A message larger than this is refused unread (an ingest batch of 10 000 readings is about 600 kB). */
export const MQTT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * `isIngestToken` is the server's one credential check (server/auth/auth.ts): constant time, and
 * false — never a throw — for anything that is not a valid ingest token.
 */
export function startMqttIngest(url: string, live: LiveState, isIngestToken: (token: unknown) => boolean, video?: VideoDesk): MqttIngest {
  const client = mqtt.connect(url, { reconnectPeriod: 2000, clientId: `parktwin-${process.pid}-${Math.random().toString(16).slice(2, 8)}` });
  const counters = { messages: 0, rejected: 0 };
  const reject = (topic: string, error: string, reasons?: string[], cause?: Error) => {
    counters.rejected++;
    if (cause) live.options.log.warn({ topic, err: cause.message }, 'MQTT message refused');
    client.publish(MQTT_TOPICS.rejected, JSON.stringify({ topic, error, ...(reasons ? { reasons } : {}) }), { qos: 0 });
  };
  // every message is handled inside one try: nothing a publisher sends can end the process
  client.on(
    'message',
    (topic, payload) => void handle(topic, payload).catch((e: Error) => reject(topic, 'internal error (the server log says why)', undefined, e)),
  );
  const handle = async (topic: string, payload: Buffer) => {
    counters.messages++;
    if (payload.length > MQTT_MAX_BYTES) {
      reject(topic, `message too large (${payload.length} bytes; at most ${MQTT_MAX_BYTES})`);
      return;
    }
    let msg: { token?: unknown; data?: unknown };
    try {
      msg = JSON.parse(payload.toString('utf8'));
    } catch (e) {
      reject(topic, `not JSON: ${(e as Error).message}`);
      return;
    }
    if (!msg || typeof msg !== 'object' || Array.isArray(msg) || !isIngestToken(msg.token)) {
      reject(topic, 'token: missing or wrong ingest token');
      return;
    }
    try {
      if (topic === MQTT_TOPICS.positions) await live.ingestPositions(msg.data);
      else if (topic === MQTT_TOPICS.readings) await live.ingestReadings(msg.data);
      else if (topic === MQTT_TOPICS.weather) live.ingestWeather(msg.data, 'mqtt');
      else if (topic === MQTT_TOPICS.video && video) await video.ingest(msg.data, 'mqtt');
    } catch (e) {
      if (e instanceof IngestError) reject(topic, 'batch rejected, nothing applied', e.reasons);
      else reject(topic, 'internal error (the server log says why)', undefined, e as Error);
    }
  };
  client.on('error', (e) => live.options.log.error({ mqtt: redactUrl(url), err: e.message }, 'MQTT error'));
  const ready = new Promise<void>((resolve) => {
    client.on('connect', () => {
      client.subscribe([MQTT_TOPICS.positions, MQTT_TOPICS.readings, MQTT_TOPICS.weather, ...(video ? [MQTT_TOPICS.video] : [])], { qos: 1 }, () => resolve());
    });
  });
  return {
    client,
    counters,
    ready,
    close: () => new Promise((resolve) => client.end(false, {}, () => resolve())),
  };
}
