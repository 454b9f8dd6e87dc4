/**
 * The demo's permit office against the real server's permit desk: at start it files three permits —
 * hot work at work with its crew inside and the watcher beside them, a confined-space entry that is
 * approved, analysed and started two minutes later, and a work-at-height permit left for the demo
 * admin to approve; and a history of duty check-ins with one overdue.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type ParktwinServer } from '../app.ts';
import { DEMO_LAYOUT } from '../config.ts';
import { PermitSimulator } from './simPermits.ts';

let s: ParktwinServer | undefined;
afterAll(async () => {
  await s?.close();
});

async function settle(office: PermitSimulator, now: number) {
  office.step(now);
  // the office works asynchronously: wait for its steps to be stored
  for (let i = 0; i < 100 && (office as unknown as { busy: boolean }).busy; i++) await new Promise((r) => setTimeout(r, 20));
  await s!.live.flushed();
}

describe('the demo permit office', () => {
  it('files today’s permits at start and moves them on through the desk', async () => {
    s = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'parktwin-simpermits-')), 'e.db'), tick_ms: 0 });
    const t0 = Date.now();
    const office = new PermitSimulator(s.model, s.permits, t0, s.registers);
    await settle(office, t0);
    const list = () => s!.permits.book.list();
    expect(list().map((p) => [p.kind, p.status])).toEqual(
      expect.arrayContaining([
        ['hot_work', 'active'],
        ['confined_space', 'drafted'],
        ['work_at_height', 'drafted'],
      ]),
    );
    const hot = list().find((p) => p.kind === 'hot_work')!;
    // dated today, in the park's zone, and within the standard's limits (grade 2: at most 72 h)
    expect(hot.valid_from).toBeLessThanOrEqual(t0);
    expect(hot.valid_to).toBeGreaterThan(t0 + 3_600_000);
    expect(list().find((p) => p.kind === 'work_at_height')!.approvers).toContain('demo-admin');
    // the crew is inside, the watcher beside them (the desk's live facts)
    await new Promise((r) => setTimeout(r, 1100));
    await settle(office, Date.now());
    expect(s.live.permitsLive[hot.id]).toMatchObject({ watcher_present: true, inside: expect.arrayContaining(hot.worker_tags) });

    // two minutes on: the confined space is approved, analysed (oxygen and combustible) and started
    await settle(office, Date.now() + 125_000);
    const cs = list().find((p) => p.kind === 'confined_space')!;
    expect(cs).toMatchObject({ status: 'active', approved_by: '陈静' });
    expect(cs.gas_analyses.map((a) => a.kind).sort()).toEqual(['combustible', 'oxygen']);
    // and a history of duty check-ins: the LPG station's operational person is overdue, the others checked this week
    const roster = await s.registers.roster({ name: 'park', role: 'operator', enterprises: null }, Date.now());
    const operational = roster.filter((d) => d.role === 'operational');
    expect(operational.filter((d) => d.enterprise === 'E-LPG').length).toBeGreaterThan(0);
    expect(operational.filter((d) => d.state === 'overdue').map((d) => d.enterprise)).toEqual(
      operational.filter((d) => d.enterprise === 'E-LPG').map(() => 'E-LPG'),
    );
    expect(operational.filter((d) => d.enterprise !== 'E-LPG').every((d) => d.state === 'done')).toBe(true);
    const events = await s.live.store.query({ type: 'permit' });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['permit.filed', 'permit.approved', 'permit.started', 'permit.analysed']));
  }, 30_000);
});
