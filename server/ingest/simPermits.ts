/**
 * The demo's permit office: files, approves, starts and closes special-operation permits through the
 * permit desk (the same checks, store, events and watch the REST routes use), so that `npm start`
 * shows permits at work today — crews inside their areas, a watcher who steps away now and then, gas
 * alarms of the simulated releases suspending hot work nearby — and one permit waiting for the demo
 * admin's approval.
 *
 * Its crews walk as their own tags (P-CREW-…): workers at the work, the watcher beside them.
 */
import { responsibleOf } from '../../src/geo/compliance/dutyRoster.ts';
import type { ModelFeature, ParkModel } from '../../src/model/model.ts';
import type { Permit } from '../../src/protocol/permits.ts';
import { type Actor, isRefusal } from '../domain/permits.ts';
import type { PermitDesk } from '../domain/permitDesk.ts';
import type { Registers } from '../domain/registers.ts';

interface Job {
  kind: 'hot_work' | 'confined_space' | 'work_at_height';
  grade: string | null;
  site: ModelFeature;
  title: string;
  /** How long after filing it is approved and started, and how long it runs, ms. */
  approve_ms: number;
  start_ms: number;
  run_ms: number;
  /** Left for the demo admin to approve. */
  awaitAdmin?: boolean;
}

interface Crew {
  permit: string;
  centre: [number, number];
  workers: string[];
  watcher: string;
  /** While the watcher is away (a walk to the store), until when. */
  away_until_ms: number;
  next_away_ms: number;
}

const H = 3600_000;
const APPLICANT = '王建国';
const APPROVER = '陈静';
const ANALYST = '赵敏';
const WORKERS = [
  ['李强', '张军'],
  ['刘洋', '孙磊'],
  ['马超', '高明'],
];
const WATCHERS = ['周涛', '吴平', '林刚'];

export class PermitSimulator {
  private readonly jobs: Job[] = [];
  private readonly crews = new Map<string, Crew>();
  private readonly pending: { at_ms: number; run: () => Promise<unknown> }[] = [];
  private next_ms: number;
  private round = 0;
  private busy = false;

  constructor(
    readonly model: ParkModel,
    readonly desk: PermitDesk,
    start_ms: number,
    readonly registers?: Registers,
  ) {
    const tank = (ent: string) => model.ofKind('tank').find((t) => t.props.enterprise_id === ent);
    const unit = (id: string, ent: string) =>
      model.byId.get(id) ?? model.ofKind('process_unit').find((u) => (u.props as { enterprise_id?: string }).enterprise_id === ent);
    const add = (j: Omit<Job, 'site'> & { site: ModelFeature | undefined }) => j.site && this.jobs.push(j as Job);
    add({ kind: 'hot_work', grade: '2', site: tank('E-REF'), title: '储罐加热盘管法兰焊接', approve_ms: 0, start_ms: 0, run_ms: 4 * H });
    add({
      kind: 'confined_space',
      grade: null,
      site: unit('U-FIN-NIT', 'E-FIN') ?? tank('E-FIN'),
      title: '反应釜内部清理检查',
      approve_ms: 60_000,
      start_ms: 120_000,
      run_ms: 3 * H,
    });
    add({
      kind: 'work_at_height',
      grade: '2',
      site: unit('U-REF-FCC', 'E-REF') ?? tank('E-CRU'),
      title: '装置框架平台照明检修',
      approve_ms: 0,
      start_ms: 0,
      run_ms: 6 * H,
      awaitAdmin: true,
    });
    add({ kind: 'hot_work', grade: '2', site: tank('E-CRU'), title: '罐顶平台栏杆切割更换', approve_ms: 3 * 60_000, start_ms: 5 * 60_000, run_ms: 2 * H });
    this.next_ms = start_ms;
  }

  private actor(permit: { enterprise: string }, name = APPLICANT): Actor {
    return { name, role: 'operator', enterprises: [permit.enterprise] };
  }

  /** Files the next job and schedules its approval, start and close. */
  private async fileNext(now_ms: number): Promise<void> {
    if (!this.jobs.length) return;
    const job = this.jobs[this.round % this.jobs.length];
    const k = this.round++;
    const enterprise = (job.site.props as { enterprise_id?: string }).enterprise_id;
    if (!enterprise) return;
    const crewIds = [`P-CREW-${k * 3 + 1}`, `P-CREW-${k * 3 + 2}`];
    const watcherTag = `P-CREW-${k * 3 + 3}`;
    const start = now_ms + job.start_ms;
    const analyses =
      job.kind === 'hot_work' || job.kind === 'confined_space'
        ? [
            { t: start - 10 * 60_000, point: '作业点', kind: 'combustible' as const, substance: '甲烷', value: 0.1, lel_pct: 5, analyst: ANALYST },
            ...(job.kind === 'confined_space'
              ? [{ t: start - 10 * 60_000, point: '釜内中部', kind: 'oxygen' as const, substance: '氧气', value: 20.8, analyst: ANALYST }]
              : []),
          ]
        : [];
    const filed = await this.desk.file(
      {
        kind: job.kind,
        grade: job.grade,
        enterprise,
        feature: job.site.id,
        title: job.title,
        valid_from: now_ms - 5 * 60_000,
        valid_to: now_ms - 5 * 60_000 + job.run_ms + job.start_ms + 10 * 60_000,
        applicant: APPLICANT,
        workers: WORKERS[k % WORKERS.length],
        watcher: WATCHERS[k % WATCHERS.length],
        approvers: job.awaitAdmin ? ['demo-admin', APPROVER] : [APPROVER],
        worker_tags: crewIds,
        watcher_tag: watcherTag,
        gas_analyses: job.start_ms > 0 ? [] : analyses,
        ...(job.kind === 'work_at_height' ? { height_m: 12 } : {}),
        outdoor: true,
      },
      this.actor({ enterprise }),
      now_ms,
    );
    if (isRefusal(filed)) return;
    if (job.awaitAdmin) return;
    const id = filed.id;
    const later = (dt: number, run: () => Promise<unknown>) => this.pending.push({ at_ms: now_ms + dt, run });
    later(job.approve_ms, () => this.desk.act(id, 'approve', {}, this.actor(filed, APPROVER), Math.max(now_ms + job.approve_ms, Date.now())));
    if (job.start_ms > 0)
      for (const a of analyses)
        later(job.start_ms - 60_000, () => this.desk.act(id, 'analysis', { analysis: { ...a, t: Date.now() } }, this.actor(filed), Date.now()));
    later(job.start_ms, async () => {
      const r = await this.desk.act(id, 'start', {}, this.actor(filed), Date.now());
      if (!isRefusal(r)) this.crewFor(r, crewIds, watcherTag, Date.now());
    });
    later(job.start_ms + job.run_ms, async () => {
      const p = this.desk.book.permits.get(id);
      if (p?.status === 'suspended') await this.desk.act(id, 'cancel', { reason: '气体报警后当日不再恢复作业' }, this.actor(p), Date.now());
      else if (p?.status === 'active') await this.desk.act(id, 'close', { reason: '作业完成，现场已清理' }, this.actor(p), Date.now());
      this.crews.delete(id);
    });
  }

  private crewFor(p: Permit, workers: string[], watcher: string, now_ms: number): void {
    const site = p.feature ? this.model.byId.get(p.feature) : undefined;
    if (!site) return;
    this.crews.set(p.id, { permit: p.id, centre: [site.anchor[0], site.anchor[1]], workers, watcher, away_until_ms: 0, next_away_ms: now_ms + 20 * 60_000 });
  }

  /** Advances the office to `now_ms`: due steps, a new permit every 40 min, and the crews' positions. */
  step(now_ms: number): void {
    if (this.busy) return;
    this.busy = true;
    void this.run(now_ms).finally(() => (this.busy = false));
  }

  /**
   * A demo park's history of duty check-ins, once (when the roster has not begun): the roster began
   * five weeks ago; the principals checked this quarter, the technical persons last month (due this
   * month), the operational persons this week — but the LPG station's, whose last check was two weeks
   * ago (overdue, for the park to see).
   */
  private async seedDuties(now_ms: number): Promise<void> {
    const r = this.registers;
    if (!r) return;
    await r.sync('duties');
    if (r.rosterSince !== null) return;
    const D = 24 * H;
    await r.add('duties', '_roster', 'start', 'system', {}, null, now_ms - 35 * D);
    for (const u of r.hazardUnits().filter((x) => x.S >= 1)) {
      const lpg = u.enterprise === 'E-LPG';
      const person = (role: 'principal' | 'technical' | 'operational') => responsibleOf(this.model, u, role) ?? 'demo';
      const checks: ['principal' | 'technical' | 'operational', number, string][] = [
        ['principal', now_ms - 20 * D, '季度安全风险隐患排查'],
        ['technical', now_ms - 33 * D, '月度工艺与设备安全检查'],
        ['operational', now_ms - (lpg ? 16 : 2) * D, '周检：液位、压力、泄漏、紧急切断'],
      ];
      for (const [role, t, note] of checks) await r.add('duties', u.unit, 'checkin', person(role), { role, note, by: person(role) }, null, Math.min(t, now_ms));
    }
  }

  private async run(now_ms: number): Promise<void> {
    if (this.round === 0) await this.seedDuties(now_ms).catch(() => {});
    // at start the office files its first three jobs at once: one at work, one on its way, one awaiting the admin
    if (now_ms >= this.next_ms) {
      const n = this.round === 0 ? Math.min(3, this.jobs.length) : 1;
      for (let i = 0; i < n; i++) await this.fileNext(now_ms).catch(() => {});
      this.next_ms = now_ms + 40 * 60_000;
    }
    const due = this.pending.filter((s) => s.at_ms <= now_ms);
    for (const s of due) {
      this.pending.splice(this.pending.indexOf(s), 1);
      await s.run().catch(() => {});
    }
    this.moveCrews(now_ms);
  }

  private moveCrews(now_ms: number): void {
    const items: { id: string; kind: 'person'; lon: number; lat: number; t: number; role: string; name: string }[] = [];
    for (const c of this.crews.values()) {
      const p = this.desk.book.permits.get(c.permit);
      if (!p || (p.status !== 'active' && p.status !== 'suspended')) continue;
      // the watcher steps away for two minutes every half hour or so (long enough to be reported)
      if (now_ms >= c.next_away_ms) {
        c.away_until_ms = now_ms + 2 * 60_000;
        c.next_away_ms = now_ms + 30 * 60_000;
      }
      const at = (dx: number, dy: number, id: string, name: string) => {
        const [lon, lat] = this.model.frame.toLngLat([c.centre[0] + dx, c.centre[1] + dy]);
        items.push({ id, kind: 'person', lon, lat, t: now_ms, role: 'maintenance', name });
      };
      const wobble = (s: number) => Math.sin(now_ms / 7000 + s) * 1.5;
      c.workers.forEach((w, i) => at(2 + i * 3 + wobble(i), wobble(i + 2), w, p.workers[i] ?? w));
      at(now_ms < c.away_until_ms ? 120 : 9 + wobble(5), 4, c.watcher, p.watcher);
    }
    if (items.length) void this.desk.live.ingestPositions(items).catch(() => {});
  }
}
