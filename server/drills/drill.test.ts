/**
 * A drill on the demo park: a chlorine leak spreads with the wind; the detectors it reaches read the
 * modelled gas and alarm; the people it reaches walk to an assembly point; all of it in the drill's
 * own state and store.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/model.ts';
import type { EventType } from '../../src/protocol/events.ts';
import { pointInPolygon } from '../../src/geo/primitives/planar.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { Drill, drillReport } from './drill.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const weather = { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' as const };

describe('a drill', () => {
  it('the leak spreads with the wind: detectors in its path read the model and alarm in turn; people reached walk to an assembly point', async () => {
    const store = new SqliteStore(':memory:');
    const t0 = Date.UTC(2026, 10, 29, 2, 0, 0);
    const drill = new Drill(
      model,
      { id: 'd1', scenario: {}, by: 'trainer', started_at: t0, start_at_s: 0, release_s: null },
      { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, weather },
      store,
      t0,
    );
    // the scenario's weather, held
    drill.step(t0);
    await drill.live.flushed();
    expect(drill.live.status(t0).weather).toMatchObject({ wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' });
    // at the start the plume has not left the tank: no gas alarm
    const gasAlarms = () => drill.live.activeAlarms().filter((a) => /-GD\d*$/.test(a.sensor));
    expect(gasAlarms()).toEqual([]);
    // ten minutes on (1 800 m downwind at 3 m/s), stepping every 2 s
    let t = t0;
    const firstAlarm = new Map<string, number>();
    for (; t <= t0 + 600_000; t += 2000) {
      drill.step(t);
      await drill.live.tick(t);
      for (const a of gasAlarms()) if (!firstAlarm.has(a.sensor)) firstAlarm.set(a.sensor, t - t0);
    }
    await drill.live.flushed();
    expect(firstAlarm.size).toBeGreaterThan(0);
    // each alarmed detector lies inside the leak's outline, and alarmed after the front could reach it
    const res = drill.resultAt(t);
    const outer = res.footprints.at(-1)!.ring;
    const sy = res.source_xy[1];
    for (const [id, at_ms] of firstAlarm) {
      const s = model.byId.get(id)!;
      expect(pointInPolygon(s.anchor, [outer])).toBe(true);
      const downwind = sy - s.anchor[1]; // wind from the north: downwind is south
      expect(at_ms / 1000).toBeGreaterThanOrEqual(downwind / 3 - 10);
    }
    // detectors in the cloud's core read over-range (ten times their HH), not the cloud's concentration
    for (const id of firstAlarm.keys()) {
      const hh = (model.byId.get(id)!.props as { thresholds: { HH: number } }).thresholds.HH;
      expect(drill.live.latestReadings().find((x) => x.sensor === id)!.value).toBeLessThanOrEqual(hh * 10 * 1.05);
    }
    // the drill's events are stored in its own store: alarm transitions of those detectors
    const stored = await store.query({ limit: 10_000 });
    expect(stored.some((e) => e.type.startsWith('alarm.') && firstAlarm.has(String(e.subject)))).toBe(true);
    // people reached walk to an assembly point outside the footprints (kilometres away along the
    // roads round the plume, at 1.5 m/s), and stay there
    const evacuees = drill.evacuees();
    expect(evacuees.length).toBeGreaterThan(0);
    for (; t <= t0 + 5_400_000; t += 10_000) drill.step(t);
    const assembly = model.ofKind('zone').filter((z) => z.props.purpose === 'assembly_point');
    const arrived = evacuees.filter((id) => {
      const xy = drill.sim.whereIs(id)!;
      return assembly.some((a) => Math.hypot(xy[0] - a.anchor[0], xy[1] - a.anchor[1]) < 1);
    });
    expect(arrived.length).toBeGreaterThan(0);
    expect(arrived.length).toBeGreaterThanOrEqual(evacuees.length * 0.8);
    await store.close();
  }, 60_000);

  it('an operator shuts the release off: the detector by the tank comes back to normal as the tail passes; stored as an event', async () => {
    const store = new SqliteStore(':memory:');
    const t0 = Date.UTC(2026, 10, 29, 3, 0, 0);
    const drill = new Drill(
      model,
      { id: 'd2', scenario: {}, by: 'trainer', started_at: t0, start_at_s: 0, release_s: null },
      { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, weather },
      store,
      t0,
    );
    const gd = 'T-CHL-01-GD1';
    const h = (model.byId.get(gd)!.props as { thresholds: { H: number } }).thresholds.H;
    const reading = () => drill.live.latestReadings().find((x) => x.sensor === gd)!.value;
    let t = t0;
    for (; t <= t0 + 120_000; t += 2000) {
      drill.step(t);
      await drill.live.tick(t);
    }
    expect(reading()).toBeGreaterThan(h);
    expect(drill.live.activeAlarms().find((a) => a.sensor === gd)?.state).toBe('unacknowledged');
    expect(await drill.stopRelease(t, 'op')).toBe(122);
    await expect(drill.stopRelease(t, 'op')).rejects.toThrow(/shut off already, 122 s in/);
    // a minute later the tail (3 m/s) is 180 m downwind: the tank's own detector reads normal again
    for (; t <= t0 + 190_000; t += 2000) {
      drill.step(t);
      await drill.live.tick(t);
    }
    await drill.live.flushed();
    expect(reading()).toBeLessThan(h);
    expect(drill.live.activeAlarms().find((a) => a.sensor === gd)?.state ?? 'normal').not.toMatch(/^(unacknowledged|acknowledged)$/);
    expect(drill.resultAt(t).tail_m).toBeGreaterThan(150);
    const stopped = await store.query({ type: 'drill' });
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatchObject({ type: 'drill.release_stopped', subject: 'T-CHL-01', detail: { by: 'op', release_s: 122 } });
    // a fire cannot be shut off
    const fire = new Drill(
      model,
      { id: 'd3', scenario: {}, by: 'trainer', started_at: t0, start_at_s: 0, release_s: null },
      { kind: 'pool-fire', source: 'T-CRU-01', weather },
      new SqliteStore(':memory:'),
      t0,
    );
    await expect(fire.stopRelease(t0, 'op')).rejects.toThrow(/a pool-fire cannot be shut off/);
    await store.close();
  }, 60_000);

  it('the debrief, by hand: response times from the stored alarm events, evacuation times from when each was sent', () => {
    const t0 = Date.UTC(2026, 10, 29, 2, 0, 0);
    const at = (s: number) => t0 + s * 1000;
    const ev = (id: number, s: number, type: EventType, place: string, detail: Record<string, unknown>) => ({
      id,
      t: at(s),
      type,
      subject: place.split(':')[0],
      place,
      detail,
    });
    const events = [
      ev(1, 10, 'alarm.unacknowledged', 'GD-A:H', { level: 'H', priority: 'medium' }),
      ev(2, 12, 'alarm.unacknowledged', 'GD-B:HH', { level: 'HH', priority: 'high' }),
      ev(3, 40, 'alarm.acknowledged', 'GD-A:H', { level: 'H', by: 'op' }),
      ev(4, 70, 'alarm.rtn_unacknowledged', 'GD-B:HH', { level: 'HH' }),
      ev(5, 90, 'alarm.normal', 'GD-B:HH', { level: 'HH', by: 'op2' }), // acknowledged after it had returned
      ev(6, 95, 'alarm.unacknowledged', 'GD-C:H', { level: 'H', priority: 'medium' }), // never acknowledged
      { id: 7, t: at(130), type: 'drill.release_stopped' as const, subject: 'T-CHL-01', place: null, detail: { by: 'op', release_s: 130 } },
    ];
    const evac = [
      { subject: 'P1', kind: 'person', level: 1, assembly: 'Z-AP-1', route_m: 900, sent_ms: t0 + 20_000, arrived_ms: t0 + 620_000 },
      { subject: 'P2', kind: 'person', level: 3, assembly: 'Z-AP-2', route_m: 2500, sent_ms: t0 + 30_000, arrived_ms: null },
      { subject: 'P3', kind: 'person', level: 2, assembly: 'Z-AP-1', route_m: 450, sent_ms: t0 + 25_000, arrived_ms: t0 + 325_000 },
    ];
    const r = drillReport({ id: 'd', scenario: {}, by: 'coach', started_at: at(0), start_at_s: 0, release_s: null }, t0, events, evac, t0 + 900_000);
    expect(r.duration_s).toBe(900);
    expect(r.alarms).toEqual([
      { alarm: 'GD-A:H', sensor: 'GD-A', level: 'H', priority: 'medium', raised_s: 10, acknowledged_s: 40, by: 'op', response_s: 30 },
      { alarm: 'GD-B:HH', sensor: 'GD-B', level: 'HH', priority: 'high', raised_s: 12, acknowledged_s: 90, by: 'op2', response_s: 78 },
      { alarm: 'GD-C:H', sensor: 'GD-C', level: 'H', priority: 'medium', raised_s: 95, acknowledged_s: null, by: null, response_s: null },
    ]);
    expect(r.evacuation.map((e) => [e.subject, e.sent_s, e.arrived_s, e.took_s])).toEqual([
      ['P1', 20, 620, 600],
      ['P3', 25, 325, 300],
      ['P2', 30, null, null],
    ]);
    expect(r.summary).toEqual({
      alarms_raised: 3,
      alarms_acknowledged: 2,
      median_response_s: 54,
      slowest_response_s: 78,
      sent: 3,
      arrived: 2,
      median_evacuation_s: 450,
      last_arrival_s: 620,
      release_shut_off_s: 130,
      release_shut_off_by: 'op',
    });
  });
});
