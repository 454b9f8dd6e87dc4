/**
 * MQTT ingest against a real Mosquitto started for the test: positions published across the fence
 * between two gates give exactly one breach; a message without the token or with a bad batch is
 * rejected (and says why on parktwin/ingest/rejected) and changes nothing.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrame } from '../../src/geo/primitives/frame.ts';
import { startMosquitto, MOSQUITTO } from '../__test__/services.ts';
import { createApp, type ParktwinServer } from '../app.ts';
import { DEMO_LAYOUT } from '../config.ts';
import { MQTT_MAX_BYTES, MQTT_TOPICS } from './mqtt.ts';

const haveBroker = Boolean(MOSQUITTO);
if (!haveBroker) {
  if (process.env.CI) throw new Error('mosquitto is missing: MQTT tests cannot run (apt-get install mosquitto)');
  console.warn('\n!!! mosquitto not installed: SKIPPING MQTT tests !!!\n');
}

const TOKEN = 'mqtt-test-token';
const frame = createFrame([117.52, 38.72]);
const T0 = Date.parse('2026-11-28T02:00:00Z');
const until = async (cond: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.skipIf(!haveBroker)('MQTT ingest', () => {
  let broker: Awaited<ReturnType<typeof startMosquitto>>;
  let server: ParktwinServer;
  let pub: mqtt.MqttClient;
  const rejected: { topic: string; error: string; reasons?: string[] }[] = [];
  beforeAll(async () => {
    broker = await startMosquitto();
    server = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: ':memory:', ingestToken: TOKEN, tick_ms: 0, mqttUrl: broker.url });
    await server.mqtt!.ready;
    pub = await mqtt.connectAsync(broker.url);
    await pub.subscribeAsync(MQTT_TOPICS.rejected);
    pub.on('message', (_t, p) => rejected.push(JSON.parse(p.toString())));
  });
  afterAll(async () => {
    await pub?.endAsync();
    await server?.close();
    await broker?.stop();
  });

  it('positions across the fence between two gates: exactly one breach', async () => {
    const data = [2150, 2060, 1990, 1900].map((y, i) => {
      const [lon, lat] = frame.toLngLat([-2500, y]);
      return { id: 'P-0042', kind: 'person', lon, lat, t: T0 + i * 10_000 };
    });
    await pub.publishAsync(MQTT_TOPICS.positions, JSON.stringify({ token: TOKEN, data }), { qos: 1 });
    await until(async () => (await server.live.store.query({ type: 'fence' })).length > 0);
    const events = await server.live.store.query({});
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'fence.breach', subject: 'P-0042', place: 'FENCE' });
  });

  it('a wrong token, a bad batch and non-JSON are rejected with the reason, nothing applied', async () => {
    const before = (await server.live.store.query({})).length;
    const reading = { sensor: 'T-LPG-01-GD1', value: 99, t: T0 };
    await pub.publishAsync(MQTT_TOPICS.readings, JSON.stringify({ token: 'nope', data: [reading] }), { qos: 1 });
    await pub.publishAsync(MQTT_TOPICS.readings, JSON.stringify({ token: TOKEN, data: [reading, { sensor: 'T-LPG-01-GD1', value: 'high', t: T0 }] }), {
      qos: 1,
    });
    await pub.publishAsync(MQTT_TOPICS.readings, '{oops', { qos: 1 });
    await until(() => rejected.length >= 3);
    expect(rejected.map((r) => r.error)).toEqual([
      'token: missing or wrong ingest token',
      'batch rejected, nothing applied',
      expect.stringMatching(/^not JSON/),
    ]);
    expect(rejected[1].reasons).toEqual([expect.stringMatching(/^\[1\]\.value: /)]);
    expect((await server.live.store.query({})).length).toBe(before);
    expect(server.mqtt!.counters.rejected).toBe(3);
  });

  it('the message that stopped the server: a token of 12 non-ASCII characters (and one of the right length, an object, an oversized message) is rejected; the server stays up', async () => {
    const n = rejected.length;
    const reading = { sensor: 'T-LPG-01-GD1', value: 1, t: Date.now() };
    for (const token of ['令牌令牌令牌令牌令牌令牌', 'é'.repeat(TOKEN.length), { toString: 1 }, [TOKEN]])
      await pub.publishAsync(MQTT_TOPICS.readings, JSON.stringify({ token, data: [reading] }), { qos: 1 });
    await pub.publishAsync(MQTT_TOPICS.readings, 'x'.repeat(MQTT_MAX_BYTES + 1), { qos: 1 });
    await until(() => rejected.length >= n + 5);
    expect(rejected.slice(n).map((r) => r.error)).toEqual([
      ...Array(4).fill('token: missing or wrong ingest token'),
      expect.stringMatching(/^message too large/),
    ]);
    // still up: the right token is taken
    await pub.publishAsync(MQTT_TOPICS.readings, JSON.stringify({ token: TOKEN, data: [{ ...reading, sensor: 'T-LPG-04-GD1' }] }), { qos: 1 });
    await until(() => server.live.latestReadings().some((r) => r.sensor === 'T-LPG-04-GD1'));
  });

  it('video analytics: a gas cloud seen by a camera, with its picture, is an event and the camera HH alarm; a bad one is rejected', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const n = rejected.length;
    await pub.publishAsync(
      MQTT_TOPICS.video,
      JSON.stringify({ token: TOKEN, data: { camera: 'DK-LPG-1-CCTV', kind: 'gas_cloud', t: T0 } }).replace('gas_cloud', 'leak'),
      {
        qos: 1,
      },
    );
    await pub.publishAsync(
      MQTT_TOPICS.video,
      JSON.stringify({
        token: TOKEN,
        data: { camera: 'DK-LPG-1-CCTV', kind: 'gas_cloud', t: Date.now(), confidence: 0.8, snapshot: { media_type: 'image/png', data_base64: png } },
      }),
      { qos: 1 },
    );
    await until(async () => (await server.live.store.query({ type: 'video' })).length > 0);
    const [e] = await server.live.store.query({ type: 'video' });
    expect(e).toMatchObject({ type: 'video.gas_cloud', subject: 'DK-LPG-1-CCTV', detail: { via: 'mqtt', priority: 'high', alarm: true } });
    const pic = await server.live.store.snapshot(e.detail.snapshot as number);
    expect(pic?.bytes.equals(Buffer.from(png, 'base64'))).toBe(true);
    expect(server.live.activeAlarms().find((a) => a.sensor === 'DK-LPG-1-CCTV')).toMatchObject({ level: 'HH', priority: 'high' });
    await until(() => rejected.length > n);
    expect(rejected[n]).toMatchObject({ topic: MQTT_TOPICS.video, error: 'batch rejected, nothing applied', reasons: [expect.stringMatching(/^kind: /)] });
  });
});
