/**
 * The planner's editing, headless: the demo park's deliberate floating-roof violation (T-PRD-06 and
 * T-PRD-07 about 6 m apart, GB 50160 Table 6.2.8 asks more) fixed by dragging a tank, re-checked
 * while it moves, recomputed in full when the drag ends, and taken back by undo — the same walk the
 * planner's browser test takes with the mouse.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../geo/compliance/ruleSets.ts';
import { loadModel } from '../model/model.ts';
import { PlannerSession } from './plannerSession.ts';

const loaded = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!loaded.ok) throw new Error('demo park invalid');
const model = loaded.model;
const RULE = 'gb50160.t6.2.8.floating-roof';
const pair = (s: PlannerSession) => s.results().checks.find((c) => c.rule === RULE && c.from === 'T-PRD-06' && c.to === 'T-PRD-07')!;

describe('PlannerSession', () => {
  it('a drag re-checks the dragged tank as it moves; the end of the drag recomputes everything as a fresh session would', () => {
    const s = new PlannerSession(model, DEFAULT_RULE_SETS);
    const before = pair(s);
    expect(before.actual_m).toBeCloseTo(6, 1);
    expect(before.ok).toBe(false);
    const away = s.results().checks.find((c) => c.from !== 'T-PRD-07' && c.to !== 'T-PRD-07')!;
    s.beginDrag('T-PRD-07');
    expect(s.results().dragging).toBe('T-PRD-07');
    for (let dx = 2; dx <= 20; dx += 2) s.dragTo('T-PRD-07', dx, 0);
    // the pair grew apart while dragging; checks not involving the tank were left as they were
    expect(pair(s).actual_m).toBeGreaterThan(8);
    expect(s.results().checks).toContainEqual(away);
    s.endDrag();
    expect(s.results().dragging).toBeNull();
    expect(s.results().offsets.get('T-PRD-07')).toEqual([20, 0]);
    // the full recompute equals a new session on the edited layout
    const edited = loadModel(s.editedLayout());
    if (!edited.ok) throw new Error('edited layout invalid');
    const fresh = new PlannerSession(edited.model, DEFAULT_RULE_SETS);
    const key = (c: { rule: string; from: string; to: string; actual_m: number }) => `${c.rule}|${c.from}|${c.to}|${c.actual_m.toFixed(3)}`;
    expect(s.results().checks.map(key).sort()).toEqual(fresh.results().checks.map(key).sort());
    expect(s.results().units.length).toBe(fresh.results().units.length);
  });

  it('undo takes back one drag at a time, then has nothing left', () => {
    const s = new PlannerSession(model, DEFAULT_RULE_SETS);
    expect(s.undo()).toBe(false);
    const original = s.results().checks;
    s.beginDrag('T-PRD-07');
    s.dragTo('T-PRD-07', 15, 0);
    s.endDrag();
    s.beginDrag('T-PRD-07');
    s.dragTo('T-PRD-07', 15, 30);
    s.endDrag();
    expect(s.results().history).toHaveLength(2);
    expect(s.undo()).toBe(true);
    expect(s.results().offsets.get('T-PRD-07')).toEqual([15, 0]);
    expect(s.undo()).toBe(true);
    expect(s.results().offsets.size).toBe(0);
    expect(pair(s).actual_m).toBeCloseTo(6, 1);
    expect(s.results().checks).toEqual(original);
    expect(s.undo()).toBe(false);
  });

  it('the edited layout moves the tank’s coordinates by the offset and nothing else', () => {
    const s = new PlannerSession(model, DEFAULT_RULE_SETS);
    s.beginDrag('T-PRD-07');
    s.dragTo('T-PRD-07', 10, -5);
    s.endDrag();
    const edited = loadModel(s.editedLayout());
    if (!edited.ok) throw new Error('edited layout invalid');
    const [a, b] = [model.byId.get('T-PRD-07')!.anchor, edited.model.byId.get('T-PRD-07')!.anchor];
    expect(b[0] - a[0]).toBeCloseTo(10, 3);
    expect(b[1] - a[1]).toBeCloseTo(-5, 3);
    expect(edited.model.byId.get('T-PRD-06')!.anchor).toEqual(model.byId.get('T-PRD-06')!.anchor);
  });
});
