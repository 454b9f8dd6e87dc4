/**
 * The alarm lifecycle, step by step as ISA-18.2's state diagram draws it.
 */
import { describe, expect, it } from 'vitest';
import { AlarmEngine, AlarmError, type AlarmSensor } from './alarms.ts';

const GAS: AlarmSensor = { id: 'GD1', thresholds: { H: 20, HH: 40 }, period_s: 5, area: 'E-1' };
const LEVEL: AlarmSensor = { id: 'LT1', thresholds: { LL: 1, L: 2, H: 17, HH: 18 }, period_s: 10, area: 'E-1' };
const states = (e: AlarmEngine) => Object.fromEntries([...e.alarms.values()].map((a) => [a.id, a.state]));

describe('ISA-18.2 alarm states', () => {
  it('normal → unacknowledged → acknowledged → normal', () => {
    const e = new AlarmEngine([GAS]);
    expect(e.reading('GD1', 10, 1000).transitions).toEqual([]);
    const up = e.reading('GD1', 45, 2000).transitions;
    expect(up.map((t) => `${t.alarm} ${t.from}→${t.to} ${t.priority}`)).toEqual(['GD1:H normal→unacknowledged medium', 'GD1:HH normal→unacknowledged high']);
    expect(e.acknowledge('GD1:HH', 'operator 王伟', 3000)).toMatchObject([{ from: 'unacknowledged', to: 'acknowledged', by: 'operator 王伟', t_ms: 3000 }]);
    const down = e.reading('GD1', 5, 4000).transitions;
    expect(down.map((t) => `${t.alarm} ${t.to}`)).toEqual(['GD1:H rtn_unacknowledged', 'GD1:HH normal']);
    expect(e.acknowledge('GD1:H', 'operator 王伟', 5000)).toMatchObject([{ from: 'rtn_unacknowledged', to: 'normal' }]);
  });

  it('a new occurrence after an acknowledged one is nobody’s acknowledgement (found by the chaos test: the old name stayed)', () => {
    const e = new AlarmEngine([GAS]);
    e.reading('GD1', 45, 1000);
    e.acknowledge('GD1:HH', 'op', 2000);
    expect(e.alarms.get('GD1:HH')).toMatchObject({ state: 'acknowledged', ackBy: 'op', ack_ms: 2000 });
    e.reading('GD1', 5, 3000); // acknowledged → normal
    e.reading('GD1', 45, 4000); // a new occurrence
    expect(e.alarms.get('GD1:HH')).toMatchObject({ state: 'unacknowledged', ackBy: undefined, ack_ms: undefined });
  });

  it('only unacknowledged alarms can be acknowledged', () => {
    const e = new AlarmEngine([GAS]);
    expect(() => e.acknowledge('GD1:HH', 'op', 1)).toThrow(AlarmError);
    expect(() => e.acknowledge('GD1:XX', 'op', 1)).toThrow(/unknown alarm/);
  });

  it('deadband: 2 % of the threshold — a reading just under H does not clear it', () => {
    const e = new AlarmEngine([GAS]);
    e.reading('GD1', 21, 0);
    expect(e.reading('GD1', 19.7, 1).transitions).toEqual([]); // 20 − 0.4 = 19.6 clears
    expect(e.reading('GD1', 19.5, 2).transitions.map((t) => t.to)).toEqual(['rtn_unacknowledged']);
  });

  it('on-delay against chattering: the condition must hold 5 s', () => {
    const e = new AlarmEngine([GAS], { onDelay_ms: 5000 });
    expect(e.reading('GD1', 25, 0).transitions).toEqual([]);
    expect(e.reading('GD1', 25, 3000).transitions).toEqual([]);
    expect(e.reading('GD1', 25, 5000).transitions.map((t) => t.alarm)).toEqual(['GD1:H']);
    // a spike shorter than the delay never activates
    const f = new AlarmEngine([GAS], { onDelay_ms: 5000 });
    f.reading('GD1', 25, 0);
    f.reading('GD1', 10, 2000);
    expect(f.reading('GD1', 25, 6000).transitions).toEqual([]);
  });

  it('low alarms work downwards', () => {
    const e = new AlarmEngine([LEVEL]);
    expect(e.reading('LT1', 0.5, 0).transitions.map((t) => t.alarm)).toEqual(['LT1:LL', 'LT1:L']);
    expect(states(e)).toMatchObject({ 'LT1:LL': 'unacknowledged', 'LT1:L': 'unacknowledged', 'LT1:H': 'normal', 'LT1:HH': 'normal' });
  });

  it('shelved under a name until an expiry, then back to what the condition calls for', () => {
    const e = new AlarmEngine([GAS]);
    e.reading('GD1', 45, 0);
    expect(e.shelve('GD1:HH', 'op 李娜', 60_000, 1000)).toMatchObject([{ to: 'shelved', by: 'op 李娜' }]);
    expect(e.reading('GD1', 50, 2000).transitions.filter((t) => t.alarm === 'GD1:HH')).toEqual([]);
    expect(e.tick(59_000).transitions).toEqual([]);
    expect(e.tick(60_000).transitions).toMatchObject([{ alarm: 'GD1:HH', from: 'shelved', to: 'unacknowledged', by: 'shelve expired' }]);
    expect(() => e.shelve('GD1:H', 'op', 10, 20)).toThrow(/expiry in the future/);
  });

  it('out of service and back', () => {
    const e = new AlarmEngine([GAS]);
    e.outOfService('GD1:H', 'maint', 0);
    expect(e.reading('GD1', 30, 1).transitions).toEqual([]);
    expect(e.unshelve('GD1:H', 'maint', 2)).toMatchObject([{ from: 'out_of_service', to: 'unacknowledged' }]);
  });
});

describe('communication loss and floods', () => {
  it('a sensor silent for more than 3 periods is communication lost, restored by a reading', () => {
    const e = new AlarmEngine([GAS], {}, 0);
    e.reading('GD1', 5, 1000);
    expect(e.tick(16_000).events).toEqual([]); // 15 s of silence = 3 periods exactly
    expect(e.tick(16_001).events).toEqual([{ type: 'comm.lost', sensor: 'GD1', t_ms: 16_001, last_ms: 1000 }]);
    expect(e.commLost('GD1')).toBe(true);
    expect(e.tick(30_000).events).toEqual([]); // reported once
    expect(e.reading('GD1', 5, 31_000).events).toMatchObject([{ type: 'comm.restored', sensor: 'GD1' }]);
  });

  it('more than 10 new alarms in 10 minutes in one area is a flood (EEMUA 191)', () => {
    const sensors = Array.from({ length: 6 }, (_, i) => ({ ...GAS, id: `GD${i}` }));
    const e = new AlarmEngine(sensors);
    const events = sensors.flatMap((s, i) => e.reading(s.id, 45, i * 30_000).events); // 12 new alarms (H and HH)
    expect(events).toEqual([{ type: 'flood.start', area: 'E-1', t_ms: 150_000, count: 12 }]);
    // what a page opened during the flood is told (the live status)
    expect(e.activeFloods()).toEqual({ 'E-1': 12 });
    expect(e.tick(30 * 60_000).events.filter((x) => x.type.startsWith('flood'))).toEqual([{ type: 'flood.end', area: 'E-1', t_ms: 1_800_000, count: 0 }]);
    expect(e.activeFloods()).toEqual({});
  });
});

describe('the calm-sensor shortcut', () => {
  it('changes nothing: a random walk with acks, shelves and silences gives the same transitions, events and states with and without it', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const a = new AlarmEngine([GAS, LEVEL], { onDelay_ms: 2000, offDelay_ms: 1000 });
    const b = new AlarmEngine([GAS, LEVEL], { onDelay_ms: 2000, offDelay_ms: 1000 });
    // b never takes the shortcut: its quiet band is empty
    const bands = b as unknown as { quietLo: Float64Array; quietHi: Float64Array };
    bands.quietLo.fill(Infinity);
    bands.quietHi.fill(-Infinity);
    // what anyone sees: transitions, events, every state, and the value of every alarm listed (not normal)
    const visible = (e: AlarmEngine) => JSON.stringify([...e.alarms.values()].map((x) => [x.id, x.state, x.state === 'normal' ? null : x.value]));
    const log = (e: AlarmEngine, r: { transitions: unknown[]; events: unknown[] }) => JSON.stringify(r) + visible(e);
    let t = 0;
    for (let i = 0; i < 4000; i++) {
      t += Math.floor(rand() * 4000);
      const which = rand() < 0.5 ? GAS : LEVEL;
      const v = which === GAS ? rand() * 50 : rand() * 20;
      const op = rand();
      if (op < 0.85) expect(log(a, a.reading(which.id, v, t))).toBe(log(b, b.reading(which.id, v, t)));
      else if (op < 0.9) expect(log(a, a.tick(t))).toBe(log(b, b.tick(t + 0)));
      else {
        const alarm = [...a.alarms.keys()][Math.floor(rand() * a.alarms.size)];
        const act = (e: AlarmEngine) => {
          try {
            return JSON.stringify(op < 0.95 ? e.acknowledge(alarm, 'op', t) : rand() < 0.5 ? e.shelve(alarm, 'op', t + 60_000, t) : e.unshelve(alarm, 'op', t));
          } catch (err) {
            return (err as Error).message;
          }
        };
        const sa = seed;
        const ra = act(a);
        seed = sa;
        expect(ra).toBe(act(b));
      }
    }
    expect([...a.alarms.values()].map((x) => [x.state, x.active])).toEqual([...b.alarms.values()].map((x) => [x.state, x.active]));
  });
});
