/**
 * The alarm list as operators read it, on the demo park: one row per point with its most important
 * level in front, named by sensor, installation and enterprise; a flood folds only the less important.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifyMajorHazards } from '../geo/compliance/majorHazards.ts';
import { loadModel } from '../model/model.ts';
import type { LiveAlarm } from '../protocol/events.ts';
import { alarmRows, foldFloods } from './alarmRows.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const units = identifyMajorHazards(model);
const alarm = (sensor: string, level: LiveAlarm['level'], since: number, extra: Partial<LiveAlarm> = {}): LiveAlarm => ({
  id: `${sensor}:${level}`,
  sensor,
  level,
  priority: level === 'HH' || level === 'LL' ? 'high' : 'medium',
  state: 'unacknowledged',
  value: 60,
  since,
  ack_by: null,
  shelved_until: null,
  comm_lost: false,
  ...extra,
});

describe('alarm rows', () => {
  it('one row per point: HH in front of its H, named by sensor, installation and enterprise', () => {
    const rows = alarmRows(model, [alarm('T-LPG-01-GD1', 'H', 1000), alarm('T-LPG-01-GD1', 'HH', 900)], units, 'zh-CN');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      sensor: 'T-LPG-01-GD1',
      alarm: { level: 'HH' },
      others: [{ level: 'H' }],
      name: '1号罐可燃气体探测器1',
      area: 'E-LPG',
      majorHazard: true,
    });
    expect(rows[0].enterprise).toBe(model.byId.get('E-LPG')!.props.name);
    expect(rows[0].installation).toBeTruthy();
  });

  it('orders rows high priority first, then the newest', () => {
    const rows = alarmRows(model, [alarm('U-FIN-NIT-GD1', 'H', 3000), alarm('T-LPG-02-GD1', 'HH', 1000), alarm('T-LPG-03-GD1', 'HH', 2000)], units, 'en');
    expect(rows.map((x) => x.sensor)).toEqual(['T-LPG-03-GD1', 'T-LPG-02-GD1', 'U-FIN-NIT-GD1']);
  });

  it('a flood folds only the less important: high-priority alarms and alarms on major hazard units stay listed', () => {
    const rows = alarmRows(
      model,
      [
        alarm('U-FIN-NIT-GD1', 'H', 1000), // medium, on a unit that is not a major hazard source: folded
        alarm('U-FIN-NIT-GD2', 'HH', 1000), // high priority: listed
        alarm('T-LPG-04-GD1', 'H', 1000), // medium, but on a grade-1 LPG unit: listed
      ],
      units,
      'en',
    );
    const { shown, folded } = foldFloods(rows, new Set(['E-FIN', 'E-LPG']));
    expect(shown.map((x) => x.sensor).sort()).toEqual(['T-LPG-04-GD1', 'U-FIN-NIT-GD2']);
    expect([...folded].map(([area, l]) => [area, l.map((x) => x.sensor)])).toEqual([['E-FIN', ['U-FIN-NIT-GD1']]]);
    // no flood: nothing folded
    expect(foldFloods(rows, new Set()).shown).toHaveLength(3);
  });
});
