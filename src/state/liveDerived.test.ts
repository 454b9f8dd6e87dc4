import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayout } from '../geo/compliance/layoutChecks.ts';
import { identifyMajorHazards } from '../geo/compliance/majorHazards.ts';
import { DEFAULT_RULE_SETS } from '../geo/compliance/ruleSets.ts';
import { loadModel } from '../model/model.ts';
import type { SensorState } from './live.ts';
import { fourSystemsInService, sensorsWatching, tierOfGrade, unitMonitoring } from './liveDerived.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const units = identifyMajorHazards(model);

describe('live monitoring of major hazards', () => {
  it('tiers follow the grade: 1 red, 2–3 yellow, 4 green; none below the threshold', () => {
    expect([1, 2, 3, 4, null].map((g) => tierOfGrade(g as 1 | null))).toEqual(['red', 'yellow', 'yellow', 'green', null]);
  });

  it("a unit's sensors in alarm and with lost communication are counted", () => {
    const lpg = units.find((u) => u.members.includes('T-LPG-01'))!;
    const watching = sensorsWatching(model);
    const ids = [lpg.unit, ...lpg.members].flatMap((m) => watching.get(m) ?? []);
    expect(ids.length).toBeGreaterThan(3);
    const states = new Map<string, SensorState>([
      [ids[0], 'high_unack'],
      [ids[1], 'comm_lost'],
    ]);
    const m = unitMonitoring(model, units, states, () => true).find((u) => u.unit === lpg.unit)!;
    expect(m).toMatchObject({ sensors: ids.length, inAlarm: 1, commLost: 1, unknown: 0, tier: tierOfGrade(lpg.grade) });
    const silent = unitMonitoring(model, units, new Map(), () => false).find((u) => u.unit === lpg.unit)!;
    expect(silent.unknown).toBe(ids.length); // never heard: not counted as fine
  });

  it('four systems in service: a gas detector losing communication lowers the rate, never above equipped', () => {
    const report = checkLayout(model, DEFAULT_RULE_SETS, units);
    const base = report.storage_bases[0];
    expect(base).toBeDefined();
    const all = fourSystemsInService(model, base, new Map(), () => true);
    for (const s of Object.values(all)) expect(s.in_service_rate).toBeLessThanOrEqual(s.equipped_rate);
    const watching = sensorsWatching(model);
    const gas = base.tanks.flatMap((t) => (watching.get(t) ?? []).filter((id) => /GD/.test(id)));
    const lost = new Map<string, SensorState>(gas.map((id) => [id, 'comm_lost']));
    expect(fourSystemsInService(model, base, lost, () => true).gas_detection.in_service_rate).toBe(0);
  });
});
