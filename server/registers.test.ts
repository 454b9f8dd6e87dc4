/**
 * The park's registers over HTTP against the real server, on SQLite and on PostgreSQL: a major hazard
 * source's responsible person checks in (and no one else for them, but an admin recording a paper
 * check); an enterprise registers a turnaround of its unit; the park registers a contractor, the
 * enterprise files an entry before the work, and at the gate a contractor's person without an entry
 * is an event while one with an entry passes; a hazchem truck without a waybill at the hazchem gate
 * is an event, one with a waybill passes; everything read back after a restart.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { responsibleOf } from '../src/geo/compliance/dutyRoster.ts';
import { identifyMajorHazards } from '../src/geo/compliance/majorHazards.ts';
import { loadModel } from '../src/model/model.ts';
import type { LiveEvent } from '../src/protocol/events.ts';
import type { ActiveRoute } from '../src/protocol/registers.ts';
import { pointPolylineDistance, polylineLength_m } from '../src/geo/primitives/planar.ts';
import { aWaybill } from '../src/geo/__test__/waybill.ts';
import { withPostgres } from './__test__/services.ts';
import { useServers } from './__test__/server.ts';
import { hashToken } from './auth/secrets.ts';
import { writeUsersFile } from './auth/usersFile.ts';
import { DEMO_LAYOUT } from './config.ts';

const loaded = loadModel(JSON.parse(readFileSync(DEMO_LAYOUT, 'utf8')));
if (!loaded.ok) throw new Error('demo park invalid');
const model = loaded.model;
const lpg = identifyMajorHazards(model).find((u) => u.unit === 'DK-LPG-1')!;
const TECHNICAL = responsibleOf(model, lpg, 'technical')!;

const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-registers-'));
const usersFile = path.join(dir, 'users.json');
const TOKENS: Record<string, [string, 'operate' | 'read', string[] | undefined]> = {
  tech: [TECHNICAL, 'operate', ['E-LPG']],
  lpgop: ['lpg-op', 'operate', ['E-LPG']],
  ref: ['ref-op', 'operate', ['E-REF']],
  park: ['park-office', 'operate', undefined],
};
const token = (k: string) => `${k}-token-0123456789`;
writeUsersFile(usersFile, {
  users: [],
  tokens: Object.entries(TOKENS).map(([k, [name, scope, enterprises]]) => ({
    name,
    scope,
    hash: hashToken(token(k)),
    ...(enterprises ? { enterprises } : {}),
  })),
  shared: [],
});
const call = async (base: string, who: string, method: string, route: string, body?: unknown) => {
  const r = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token(who)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the answers' shapes are asserted field by field
  return { status: r.status, body: (await r.json()) as any };
};

function contract(name: string, deps: () => Record<string, unknown>) {
  describe(name, () => {
    const start = useServers(() => ({ usersFile, ingestToken: 'ingest-token-0123', ...deps() }));

    it('duty check-ins, turnarounds and contractors, kept across a restart', async () => {
      const { s, base } = await start();
      // ---- duties: the roster names the three persons; the technical one checks in for themself only
      const roster = (await call(base, 'lpgop', 'GET', '/api/duties')).body as {
        unit: string;
        role: string;
        person: string;
        state: string;
        enterprise: string;
      }[];
      expect(new Set(roster.map((d) => d.enterprise))).toEqual(new Set(['E-LPG']));
      expect(roster.filter((d) => d.unit === 'DK-LPG-1').map((d) => [d.role, d.state])).toEqual([
        ['principal', 'due'],
        ['technical', 'due'],
        ['operational', 'due'],
      ]);
      expect((await call(base, 'lpgop', 'POST', '/api/duties/DK-LPG-1/checkins', { role: 'technical', note: '检查球罐区' })).status).toBe(403);
      expect((await call(base, 'ref', 'POST', '/api/duties/DK-LPG-1/checkins', { role: 'technical', note: 'x' })).status).toBe(404);
      expect((await call(base, 'tech', 'POST', '/api/duties/DK-LPG-1/checkins', { role: 'colour', note: 'x' })).body.field).toBe('role');
      const done = await call(base, 'tech', 'POST', '/api/duties/DK-LPG-1/checkins', { role: 'technical', note: '检查球罐区紧急切断阀与可燃气体探测器' });
      expect(done.status).toBe(201);
      expect(done.body.find((d: { role: string }) => d.role === 'technical')).toMatchObject({ state: 'done', person: TECHNICAL, last: { by: TECHNICAL } });
      // only an admin records a check on behalf of another
      expect((await call(base, 'lpgop', 'POST', '/api/duties/DK-LPG-1/checkins', { role: 'principal', note: 'x', on_behalf_of: 'someone' })).status).toBe(403);

      // ---- turnarounds: the enterprise registers its own unit's; not another's; a window that makes sense
      const now = Date.now();
      expect(
        (await call(base, 'ref', 'POST', '/api/turnarounds', { unit: 'DK-LPG-1', kind: 'turnaround', from: now, to: now + 86_400_000, note: 'x' })).status,
      ).toBe(403);
      expect(
        (await call(base, 'ref', 'POST', '/api/turnarounds', { unit: 'U-REF-FCC', kind: 'turnaround', from: now, to: now - 1, note: 'x' })).body.field,
      ).toBe('to');
      expect((await call(base, 'ref', 'POST', '/api/turnarounds', { unit: 'T-NOPE', kind: 'turnaround', from: now, to: now + 1, note: 'x' })).body.field).toBe(
        'unit',
      );
      const ta = await call(base, 'ref', 'POST', '/api/turnarounds', {
        unit: 'U-REF-FCC',
        kind: 'turnaround',
        from: now - 3_600_000,
        to: now + 20 * 86_400_000,
        note: '催化裂化装置2026年大检修',
      });
      expect(ta.status).toBe(201);
      expect(ta.body).toMatchObject({ unit: 'U-REF-FCC', enterprise: 'E-REF', kind: 'turnaround', cancelled: null });
      expect((await call(base, 'lpgop', 'GET', '/api/turnarounds')).body).toEqual([]);

      // ---- contractors: the park registers; the enterprise files an entry before the work
      const contractor = {
        id: 'C-JGJX',
        name: '津港检修工程有限公司',
        people: [
          { name: '周强', tag: 'P-C1', qualifications: [{ kind: '焊接与热切割作业', number: 'T1201', expires: now + 300 * 86_400_000 }] },
          { name: '吴军', tag: 'P-C2', qualifications: [{ kind: '高处作业', number: 'T1202', expires: now + 300 * 86_400_000 }] },
        ],
      };
      expect((await call(base, 'ref', 'POST', '/api/contractors', contractor)).status).toBe(403);
      expect((await call(base, 'park', 'POST', '/api/contractors', contractor)).status).toBe(201);
      const late = await call(base, 'ref', 'POST', '/api/contractors/C-JGJX/entries', {
        enterprise: 'E-REF',
        purpose: '大检修',
        people: ['周强'],
        from: now - 3_600_000,
        to: now + 3_600_000,
      });
      expect(late.body).toMatchObject({ field: 'from' });
      const entry = await call(base, 'ref', 'POST', '/api/contractors/C-JGJX/entries', {
        enterprise: 'E-REF',
        purpose: '催化裂化大检修',
        people: ['周强'],
        from: now,
        to: now + 86_400_000,
      });
      expect(entry.status).toBe(201);
      expect((await call(base, 'ref', 'GET', '/api/contractors')).body.entries.map((e: { id: string }) => e.id)).toEqual([entry.body.id]);
      expect((await call(base, 'lpgop', 'GET', '/api/contractors')).body.entries).toEqual([]);

      // ---- at the west gate: 周强 (an entry) passes; 吴军 (none) is an event
      const gate = s.model.byId.get('G-01')!;
      const centre = s.model.ofKind('park')[0].anchor;
      const dx = gate.anchor[0] - centre[0];
      const dy = gate.anchor[1] - centre[1];
      const len = Math.hypot(dx, dy);
      const ll = (k: number) => {
        const [lon, lat] = s.model.frame.toLngLat([gate.anchor[0] + (dx / len) * k, gate.anchor[1] + (dy / len) * k]);
        return { lon, lat };
      };
      const walkIn = (id: string, t: number) => [
        { id, kind: 'person', role: 'contractor', company: '津港检修工程有限公司', ...ll(40), t },
        { id, kind: 'person', role: 'contractor', company: '津港检修工程有限公司', ...ll(-40), t: t + 60_000 },
      ];
      const ingest = (items: unknown[]) =>
        fetch(`${base}/api/ingest/positions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-token-0123' },
          body: JSON.stringify(items),
        });
      const t1 = Date.now(); // after the entry opened (the passage is judged at its own time)
      for (const p of walkIn('P-C1', t1)) expect((await ingest([p])).status).toBe(200);
      for (const p of walkIn('P-C2', t1)) expect((await ingest([p])).status).toBe(200);
      // ---- hazchem waybills: a batch with a bad item changes nothing; then one truck has a waybill, one not
      const wb = (id: string, vehicle: string, over: Record<string, unknown> = {}) => ({
        ...aWaybill(Date.now(), { id, vehicle, un_number: 'UN1075' }),
        ...over,
      });

      const postWaybills = (items: unknown) =>
        fetch(`${base}/api/ingest/waybills`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-token-0123' },
          body: JSON.stringify(items),
        });
      const bad = await postWaybills([wb('WB-1', '津A·12345危'), wb('WB-2', '津B·00001危', { destination: 'E-NOPE', quantity_t: -1 })]);
      expect(bad.status).toBe(400);
      expect((await bad.json()).reasons).toEqual(['1.quantity_t: Too small: expected number to be >0']);
      expect((await call(base, 'park', 'GET', '/api/waybills')).body).toEqual([]);
      expect((await postWaybills([wb('WB-1', '津A·12345危')])).status).toBe(200);
      expect((await call(base, 'park', 'GET', '/api/waybills')).body.map((w: { id: string }) => w.id)).toEqual(['WB-1']);
      const hzGate = s.model.byId.get('G-06')!;
      const hx = hzGate.anchor[0] - centre[0];
      const hy = hzGate.anchor[1] - centre[1];
      const hl = Math.hypot(hx, hy);
      const hll = (k: number) => {
        const [lon, lat] = s.model.frame.toLngLat([hzGate.anchor[0] + (hx / hl) * k, hzGate.anchor[1] + (hy / hl) * k]);
        return { lon, lat };
      };
      const drive = (id: string, plate: string, t: number) => [
        { id, kind: 'vehicle', vehicle_class: 'hazchem', name: plate, ...hll(40), t },
        { id, kind: 'vehicle', vehicle_class: 'hazchem', name: plate, ...hll(-40), t: t + 30_000 },
      ];
      for (const p of [...drive('V-HZ-A', '津A·12345危', t1), ...drive('V-HZ-B', '津B·77777危', t1)]) expect((await ingest([p])).status).toBe(200);
      await s.live.flushed();
      const events = async (type: string) =>
        (await (await fetch(`${base}/api/events?type=${type}`, { headers: { authorization: `Bearer ${token('park')}` } })).json()) as LiveEvent[];
      const deadline = Date.now() + 5000;
      while ((await events('contractor.refused')).length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(
        (await events('gate.pass'))
          .filter((e) => e.place === 'G-01')
          .map((e) => e.subject)
          .sort(),
      ).toEqual(['P-C1', 'P-C2']);
      expect((await events('contractor.refused')).map((e) => [e.subject, e.place, e.detail.reason])).toEqual([['P-C2', 'G-01', 'no_entry']]);
      const deadline2 = Date.now() + 5000;
      while ((await events('waybill.refused')).length < 1 && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 50));
      expect(
        (await events('gate.pass'))
          .filter((e) => e.place === 'G-06')
          .map((e) => e.subject)
          .sort(),
      ).toEqual(['V-HZ-A', 'V-HZ-B']);
      expect((await events('waybill.refused')).map((e) => [e.subject, e.place, e.detail.reason, e.detail.plate])).toEqual([
        ['V-HZ-B', 'G-06', 'no_waybill', '津B·77777危'],
      ]);
      // ---- the admitted truck is given its route from the gate to E-LPG over the hazchem roads, and held to it
      const routed = await events('waybill.routed');
      expect(routed.map((e) => [e.subject, e.place, e.detail.waybill, e.detail.destination])).toEqual([['V-HZ-A', 'G-06', 'WB-1', 'E-LPG']]);
      expect(routed[0].detail.length_m).toBeGreaterThan(100);
      const active = (await call(base, 'park', 'GET', '/api/waybills/routes')).body as ActiveRoute[];
      expect(active.map((r) => [r.subject, r.waybill, r.gate, r.destination, r.off_route])).toEqual([['V-HZ-A', 'WB-1', 'G-06', 'E-LPG', false]]);
      const line = active[0].line.map((q) => s.model.frame.toLocal(q));
      expect(Math.round(polylineLength_m(line))).toBe(active[0].length_m);
      // 200 m off the route (a place at least 150 m from every part of it), then back on it
      const mid = line[Math.floor(line.length / 2)];
      const off = [
        [200, 0],
        [-200, 0],
        [0, 200],
        [0, -200],
      ]
        .map(([ox, oy]) => [mid[0] + ox, mid[1] + oy] as [number, number])
        .find((q) => pointPolylineDistance(q, line).distance_m > 150)!;
      const at = (q: [number, number]) => {
        const [lon, lat] = s.model.frame.toLngLat(q);
        return { lon, lat };
      };
      const truck = (q: [number, number], t: number) => ({ id: 'V-HZ-A', kind: 'vehicle', vehicle_class: 'hazchem', name: '津A·12345危', ...at(q), t });
      expect((await ingest([truck([mid[0], mid[1]], t1 + 60_000)])).status).toBe(200);
      expect((await ingest([truck(off, t1 + 90_000)])).status).toBe(200);
      expect((await ingest([truck([mid[0], mid[1]], t1 + 120_000)])).status).toBe(200);
      const deadline3 = Date.now() + 5000;
      while ((await events('waybill.back_on_route')).length < 1 && Date.now() < deadline3) await new Promise((r) => setTimeout(r, 50));
      const offEvents = await events('waybill.off_route');
      expect(offEvents.map((e) => [e.subject, e.detail.waybill, e.detail.priority])).toEqual([['V-HZ-A', 'WB-1', 'high']]);
      expect(offEvents[0].detail.distance_m).toBeGreaterThan(150);
      expect((await events('waybill.back_on_route')).map((e) => e.subject)).toEqual(['V-HZ-A']);
      await s.close();

      // ---- a restart reads it all back
      const again = await start();
      expect(
        (await call(again.base, 'tech', 'GET', '/api/duties')).body.find((d: { unit: string; role: string }) => d.unit === 'DK-LPG-1' && d.role === 'technical')
          .state,
      ).toBe('done');
      expect((await call(again.base, 'ref', 'GET', '/api/turnarounds')).body.map((t: { id: string }) => t.id)).toEqual([ta.body.id]);
      const cancelled = await call(again.base, 'ref', 'POST', `/api/turnarounds/${ta.body.id}/cancel`, { reason: '推迟到明年' });
      expect(cancelled.body.cancelled).toMatchObject({ by: 'ref-op', reason: '推迟到明年' });
      expect((await call(again.base, 'ref', 'POST', `/api/turnarounds/${ta.body.id}/cancel`, { reason: 'again' })).status).toBe(409);
      expect((await call(again.base, 'park', 'GET', '/api/contractors')).body.contractors.map((c: { id: string }) => c.id)).toEqual(['C-JGJX']);
      expect((await call(again.base, 'park', 'GET', '/api/waybills')).body.map((w: { id: string }) => w.id)).toEqual(['WB-1']);
      expect((await call(again.base, 'ref', 'GET', '/api/waybills')).body).toEqual([]); // to another enterprise's
      const revoked = await call(again.base, 'ref', 'POST', `/api/contractor-entries/${entry.body.id}/revoke`, { reason: '作业取消' });
      expect(revoked.body.revoked).toMatchObject({ reason: '作业取消' });
    }, 60_000);
  });
}

contract('registers on SQLite', () => ({ dbFile: path.join(dir, 'events.db') }));

withPostgres('on PostgreSQL', (url) => contract('registers on PostgreSQL', () => ({ databaseUrl: url() })));
