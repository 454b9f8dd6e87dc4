/**
 * The simulator over 30 simulated minutes on the demo park, through the real ingest path: sensors
 * report, people walk the roads inside the fence (no breach), hazchem trucks come in through the
 * hazchem gate, and a gas release drives a detector into alarm.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/model.ts';
import { LiveState } from '../domain/live.ts';
import { DEFAULT_ROUTE_OPTIONS, HazchemRoutes } from '../../src/geo/live/hazchemRoutes.ts';
import { pointInPolygon, pointPolylineDistance } from '../../src/geo/primitives/planar.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { Simulator } from './simulator.ts';

describe('simulator', () => {
  it('feeds plausible, valid data: readings, walks without breaches, trucks through the hazchem gate, an alarm, weather', async () => {
    const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
    if (!r.ok) throw new Error('demo invalid');
    const start = Date.parse('2026-11-28T08:00:00+08:00');
    const store = new SqliteStore(':memory:');
    const live = new LiveState(r.model, store, start);
    const sim = new Simulator(r.model, live, start, { seed: 7, releaseEvery_ms: 5 * 60_000, faultPerHour: 0 });
    let readings = 0;
    let positions = 0;
    // the trucks carry LPG to the LPG station along the route a waybill's truck is held to
    expect(sim.trucks().map((t) => [t.destination, t.substance])).toEqual(Array(6).fill(['E-LPG', '液化石油气']));
    const route = new HazchemRoutes(r.model).plan('G-06', 'E-LPG')!;
    const fenceGeom = r.model.ofKind('fence')[0].local;
    const fenceRing = fenceGeom.type === 'LineString' ? fenceGeom.line : fenceGeom.type === 'Polygon' ? fenceGeom.rings[0] : [];
    let farthest = 0;
    for (let t = start + 1000; t <= start + 30 * 60_000; t += 1000) {
      const n = sim.step(t);
      readings += n.readings;
      positions += n.positions;
      void live.tick(t);
      for (const p of live.positions.values()) {
        if (p.kind !== 'vehicle') continue;
        const at = r.model.frame.toLocal([p.lon, p.lat]);
        if (pointInPolygon(at, [fenceRing])) farthest = Math.max(farthest, pointPolylineDistance(at, route.line).distance_m);
      }
    }
    // inside the fence never off its route by what would be an event (the gate to the first road node aside, on it)
    expect(farthest).toBeLessThan(DEFAULT_ROUTE_OPTIONS.offRoute_m);
    await live.flushed();
    expect(readings).toBeGreaterThan(30 * 60 * 50); // ~750 sensors at 5–60 s periods
    expect(positions).toBeGreaterThan(30 * 60 * 50);
    expect(live.counters.badBatches).toBe(0);
    const events = await store.query({ limit: 100_000 });
    const types = new Set(events.map((e) => e.type));
    expect(events.filter((e) => e.type === 'fence.breach')).toEqual([]);
    expect(events.filter((e) => e.type === 'gate.pass' && e.place === 'G-06').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'gate.unauthorised')).toEqual([]);
    expect(types.has('alarm.unacknowledged')).toBe(true);
    expect(events.filter((e) => e.type === 'sensor.comm_lost')).toEqual([]); // no faults asked for: nobody goes silent
    // about a third of the people work inside hazardous areas and control rooms for a while
    expect(Object.entries(live.geofence.headcount()).filter(([z, n]) => z.startsWith('Z-') && !z.includes('AP') && n > 0).length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'zone.enter').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'tag.silent')).toEqual([]); // standing workers keep reporting
    expect(events.filter((e) => e.type === 'zone.unauthorised')).toEqual([]); // shift workers are operators; trucks keep to the roads
    // people with names and companies, trucks with plates and carriers (a positioning system's fields)
    const subjects = [...live.positions.values()];
    expect(subjects.filter((p) => p.kind === 'person').every((p) => /^[\u4e00-\u9fff]{2,3}$/.test(p.name ?? '') && !!p.company)).toBe(true);
    expect(subjects.filter((p) => p.kind === 'vehicle').every((p) => /^津[A-E]·\d{5}危$/.test(p.name ?? '') && !!p.company)).toBe(true);
    expect(live.weather).toMatchObject({ source: 'simulator', stability: expect.stringMatching(/^[A-F]$/) });
    expect(live.weather!.wind_speed_m_s).toBeGreaterThanOrEqual(1);
    // the kept track: 30 min, at most one point per 5 s (tags report every second walking, every 10 s standing)
    const track = await store.queryTrack({ subject: 'P-0001' });
    expect(track.length).toBeGreaterThan(150);
    for (let i = 1; i < track.length; i++) expect(track[i].t_ms - track[i - 1].t_ms).toBeGreaterThanOrEqual(5000);
    await store.close();
  });

  it('with its defaults, whoever opens the demo sees a gas alarm within two minutes', async () => {
    const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
    if (!r.ok) throw new Error('demo invalid');
    for (const seed of ['parktwin', 1, 2]) {
      const start = Date.parse('2026-12-04T09:00:00+08:00');
      const live = new LiveState(r.model, new SqliteStore(':memory:'), start, { now: () => start + 120_000 });
      const sim = new Simulator(r.model, live, start, { seed });
      for (let t = start + 1000; t <= start + 120_000; t += 1000) sim.step(t);
      await live.flushed();
      expect(live.activeAlarms().length, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});
