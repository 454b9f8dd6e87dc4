/**
 * The live watch of permits, hand-worked in local metres: who is inside a 20 m square, whether the
 * watcher is within 15 m of a working worker, "absent" only after the grace, "back" once, and which
 * permits a gas alarm reaches within 30 m.
 */
import { describe, expect, it } from 'vitest';
import { circleRing, distanceToArea_m, PermitWatch, permitsNear, type WatchedPermit } from './permitWatch.ts';

const square: [number, number][] = [
  [0, 0],
  [20, 0],
  [20, 20],
  [0, 20],
  [0, 0],
];
const hot: WatchedPermit = { id: 'DH-1', kind: 'hot_work', rings: [square], worker_tags: ['W1', 'W2'], watcher_tag: 'G' };
const at = (o: Record<string, [number, number]>) => new Map(Object.entries(o));

describe('permit watch', () => {
  it('counts who is inside and finds the watcher near a worker (15 m)', () => {
    const w = new PermitWatch();
    const c = w.update([hot], at({ W1: [10, 10], W2: [30, 30], X: [5, 5], G: [22, 10] }), 0);
    expect(c.facts).toEqual([{ permit: 'DH-1', inside: ['W1', 'X'], workers_inside: ['W1'], watcher_present: true }]);
    // 12 m from W1: present; 16 m: not
    expect(w.update([hot], at({ W1: [10, 10], G: [22, 10] }), 1000).facts[0].watcher_present).toBe(true);
    expect(w.update([hot], at({ W1: [10, 10], G: [26, 10] }), 2000).facts[0].watcher_present).toBe(false);
  });

  it('has no watcher state while no worker is inside', () => {
    const c = new PermitWatch().update([hot], at({ G: [100, 100] }), 0);
    expect(c.facts[0]).toMatchObject({ workers_inside: [], watcher_present: null });
    expect(c.absent).toEqual([]);
  });

  it('reports "absent" once after 60 s away, then "back" when the watcher returns', () => {
    const w = new PermitWatch();
    const away = at({ W1: [10, 10], G: [200, 10] });
    expect(w.update([hot], away, 0).absent).toEqual([]);
    expect(w.update([hot], away, 59_000).absent).toEqual([]);
    expect(w.update([hot], away, 60_000).absent).toEqual([{ permit: 'DH-1', watcher: 'G', since_ms: 0, workers: ['W1'] }]);
    expect(w.update([hot], away, 90_000).absent).toEqual([]);
    expect(w.update([hot], at({ W1: [10, 10], G: [12, 12] }), 100_000).back).toEqual([{ permit: 'DH-1', watcher: 'G', absent_ms: 100_000 }]);
    // a short walk away (under the grace) is not reported at all
    w.update([hot], away, 110_000);
    const c = w.update([hot], at({ W1: [10, 10], G: [12, 12] }), 130_000);
    expect([c.absent, c.back]).toEqual([[], []]);
  });

  it('a gas alarm reaches hot work and confined spaces within 30 m of their area, not other kinds', () => {
    const lift: WatchedPermit = { ...hot, id: 'DZ-1', kind: 'lifting' };
    expect(distanceToArea_m([10, 10], [square])).toBe(0);
    expect(distanceToArea_m([50, 10], [square])).toBe(30);
    expect(permitsNear([50, 10], [hot, lift])).toEqual([{ permit: 'DH-1', distance_m: 30 }]);
    expect(permitsNear([50.5, 10], [hot])).toEqual([]);
  });

  it('a circle ring closes on itself and keeps its radius', () => {
    const r = circleRing([5, 5], 10);
    expect(r[0]).toEqual(r[r.length - 1]);
    for (const p of r) expect(Math.hypot(p[0] - 5, p[1] - 5)).toBeCloseTo(10, 9);
  });
});
