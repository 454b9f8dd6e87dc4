/**
 * The emergency store: footprints are rebuilt only when the scenario or the weather changes; the
 * people are assessed again on every tick.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/model.ts';
import { clearScenario, computeEmergency, startScenario, useEmergency } from './emergency.ts';
import type { LiveStatus } from '../protocol/events.ts';
import { liveBuffers, useLive } from './live.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;

describe('emergency store', () => {
  it('a tick with the same weather keeps the footprints and re-assesses the people; a new wind rebuilds them', () => {
    const weather = (wind_from_deg: number) =>
      useLive.setState({ status: { weather: { wind_speed_m_s: 3, wind_from_deg, stability: 'D', source: 'test' } } as unknown as LiveStatus });
    weather(0);
    startScenario(model, { kind: 'pool-fire', source: 'T-CRU-01', diameter_m: 30 });
    const first = useEmergency.getState();
    expect(first.result?.footprints).toHaveLength(3);
    expect(first.assessment?.people).toEqual([]);
    // someone walks into the fire's footprint, 30 m downwind (south) of the tank
    const [sx, sy] = first.result!.source_xy;
    const [lon, lat] = model.frame.toLngLat([sx, sy - 30]);
    liveBuffers.positions.set('P-T', { id: 'P-T', kind: 'person', lon, lat } as never);
    computeEmergency(model);
    const second = useEmergency.getState();
    expect(second.result).toBe(first.result); // not rebuilt
    expect(second.assessment?.people.map((p) => p.id)).toEqual(['P-T']);
    weather(90);
    computeEmergency(model);
    const turned = useEmergency.getState().result!;
    expect(turned).not.toBe(first.result);
    expect(turned.scenario.weather.wind_from_deg).toBe(90);
    liveBuffers.positions.delete('P-T');
    clearScenario();
    expect(useEmergency.getState().result).toBeNull();
  });
});
