/**
 * The planner's store is made per app: two planners over two stores edit independently (the page
 * has one; tests and a second view make their own).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/model.ts';
import { createPlannerStore, Planner } from './planner.ts';

const loaded = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!loaded.ok) throw new Error('demo park invalid');

describe('planner stores per app', () => {
  it('two planners over their own stores: a drag and a rule-set change in one leave the other as it was', () => {
    const storeA = createPlannerStore();
    const storeB = createPlannerStore();
    const a = new Planner(storeA);
    const b = new Planner(storeB);
    a.open(loaded.model);
    b.open(loaded.model);
    a.beginDrag('T-PRD-07');
    a.dragTo('T-PRD-07', 20, 0);
    a.endDrag();
    a.setRuleSets(['gb50160']);
    expect(storeA.getState().offsets.get('T-PRD-07')).toEqual([20, 0]);
    expect(storeA.getState().ruleSetIds).toEqual(['gb50160']);
    expect(storeB.getState().offsets.size).toBe(0);
    expect(storeB.getState().ruleSetIds).toEqual(['gb50160', 'gb50074']);
    expect(storeB.getState().checks.length).toBeGreaterThan(storeA.getState().checks.length); // A checks one rule set now
    a.undo();
    expect(storeA.getState().offsets.size).toBe(0);
  });

  it('a session put off (the twin’s first frame first) opens when asked for, when the planner’s mode is chosen, or by openPending', () => {
    const store = createPlannerStore();
    const p = new Planner(store);
    p.open(loaded.model, { later: true });
    expect(store.getState().model).toBeNull();
    expect(store.getState().units).toEqual([]);
    p.openPending();
    expect(store.getState().model).toBe(loaded.model);
    expect(store.getState().units.length).toBeGreaterThan(0);
    expect(store.getState().checks.length).toBeGreaterThan(0);

    const byMode = createPlannerStore();
    const q = new Planner(byMode);
    q.open(loaded.model, { later: true });
    expect(byMode.getState().checks).toEqual([]);
    byMode.getState().setMode('planner');
    expect(byMode.getState().checks.length).toBeGreaterThan(0);

    const byUse = createPlannerStore();
    const r = new Planner(byUse);
    r.open(loaded.model, { later: true });
    expect(r.engine).not.toBeNull(); // asking for the session opens it
    expect(byUse.getState().model).toBe(loaded.model);
  });
});
