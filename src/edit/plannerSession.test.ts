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
import { EditError, type EditFeature, PlannerSession } from './plannerSession.ts';

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
    // a click on a tank (a drag that never moves) is no step
    s.beginDrag('T-PRD-07');
    s.endDrag();
    expect(s.results().history).toHaveLength(0);
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

  it('adds a tank with its properties (a new violation, worked out in full), refuses an invalid one, and undo takes edits and drags back in turn', () => {
    const s = new PlannerSession(model, DEFAULT_RULE_SETS);
    s.beginDrag('T-PRD-06');
    s.dragTo('T-PRD-06', 0, -3);
    s.endDrag();
    const t7 = model.byId.get('T-PRD-07')!;
    // a 20 m gasoline tank 30 m east of T-PRD-07's centre (40 m across): 30 − 20 − 10 = 0 m shell to shell in the same dike
    const [lon, lat] = model.frame.toLngLat([t7.anchor[0] + 30, t7.anchor[1]]);
    const tank = {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [lon, lat] },
      properties: { ...t7.feature.properties, id: 'T-NEW-1', name: '新罐', name_en: 'New tank', diameter_m: 20, capacity_m3: 5000, inventory_t: 1500 },
    } as unknown as EditFeature;
    // invalid first: nothing changes
    expect(() => s.edit([{ ...tank, properties: { ...tank.properties, diameter_m: -1 } } as EditFeature])).toThrow(EditError);
    expect(s.results().history).toHaveLength(1);
    s.edit([tank]);
    const mine = s.results().checks.filter((c) => c.from === 'T-NEW-1' || c.to === 'T-NEW-1');
    const withT7 = mine.find((c) => c.from === 'T-PRD-07' || c.to === 'T-PRD-07')!;
    expect(withT7.actual_m).toBeCloseTo(0, 1);
    expect(withT7.ok).toBe(false);
    // the drag before the edit is in the new model (its moves baked in), and an edit is one step
    expect(s.results().offsets.size).toBe(0);
    expect(s.results().history).toHaveLength(2);
    expect(s.model.byId.get('T-PRD-06')!.anchor[1] - model.byId.get('T-PRD-06')!.anchor[1]).toBeCloseTo(-3, 2);
    // the same as a fresh session on the edited layout
    const fresh = new PlannerSession(s.model, DEFAULT_RULE_SETS);
    expect(s.results().checks.length).toBe(fresh.results().checks.length);
    // a property change and a removal are steps too
    s.edit([{ ...tank, properties: { ...tank.properties, diameter_m: 10, capacity_m3: 1000, inventory_t: 300 } } as EditFeature]);
    expect(s.model.byId.get('T-NEW-1')!.props).toMatchObject({ diameter_m: 10 });
    s.edit([], ['T-NEW-1']);
    expect(s.model.byId.has('T-NEW-1')).toBe(false);
    expect(s.undo()).toBe(true);
    expect(s.model.byId.get('T-NEW-1')!.props).toMatchObject({ diameter_m: 10 });
    expect(s.undo() && s.undo()).toBe(true);
    expect(s.model.byId.has('T-NEW-1')).toBe(false);
    expect(s.results().offsets.get('T-PRD-06')).toEqual([0, -3]);
    expect(s.undo()).toBe(true);
    expect(s.results().checks).toEqual(new PlannerSession(model, DEFAULT_RULE_SETS).results().checks);
    // redo does again, in order, what undo took back; a new edit clears what is left to redo
    expect(s.results().future).toHaveLength(4);
    expect(s.redo() && s.redo()).toBe(true);
    expect(s.model.byId.get('T-NEW-1')!.props).toMatchObject({ diameter_m: 20 });
    expect(s.results().offsets.size).toBe(0);
    s.edit([], ['T-NEW-1']);
    expect(s.results().future).toHaveLength(0);
    expect(s.redo()).toBe(false);
  });
});
