/**
 * The permit desk: the permit book (server/domain/permits.ts) wired to the store, the live park and the
 * event feed. Each step is checked by the book, stored (the store refuses a step another took first),
 * folded in, and told as a stored event (`permit.started` …) that reaches every client in scope.
 *
 * On the live park it watches the filed permits at work: who is inside each area and whether the
 * watcher is near the workers (src/geo/live/permitWatch.ts), and it suspends hot work and
 * confined-space entry when a combustible or toxic gas detector near them goes into alarm.
 */
import { GAS_ALARM_REACH_M, PermitWatch, permitRings, permitsNear, type WatchedPermit } from '../../src/geo/live/permitWatch.ts';
import type { XY } from '../../src/geo/primitives/planar.ts';
import { analysisFailure } from '../../src/geo/compliance/gb30871.ts';
import type { ParkModel } from '../../src/model/model.ts';
import type { PermitEventAction } from '../../src/protocol/events.ts';
import type { Permit, PermitAction, PermitBody, PermitRecord, SpotCheck } from '../../src/protocol/permits.ts';
import type { LiveState } from './live.ts';
import type { Log } from './log.ts';
import { type Actor, isRefusal, type NewPermitRecord, PermitBook, type Refusal } from './permits.ts';
import { PermitConflict, type Store, type StoredEvent } from '../store/types.ts';

const EVENT_OF: Record<PermitRecord['action'], PermitEventAction> = {
  file: 'filed',
  approve: 'approved',
  start: 'started',
  suspend: 'suspended',
  resume: 'resumed',
  close: 'closed',
  cancel: 'cancelled',
  analysis: 'analysed',
  spot_check: 'spot_checked',
  expire: 'expired',
};

export const SYSTEM: Actor = { name: 'system', role: 'system', enterprises: null };

export class PermitDesk {
  readonly book: PermitBook;
  private readonly watch = new PermitWatch();
  private lastId = 0;
  private readonly areas = new Map<string, XY[][]>();
  private chain: Promise<unknown> = Promise.resolve();
  private lastWatch_ms = 0;
  /** The latest time a watch was asked for, and the timer of a watch put off to the end of its second. */
  private pendingAt = 0;
  private trailing: ReturnType<typeof setTimeout> | undefined;
  private readonly offs: (() => void)[] = [];

  constructor(
    readonly store: Store,
    readonly live: LiveState,
    readonly log: Log,
  ) {
    this.book = new PermitBook(live.model.meta.timezone);
  }

  /** The layout in force (the live park's: it follows a layout switch). */
  get model(): ParkModel {
    return this.live.model;
  }

  /** The layout switched: permit areas drawn from installations are worked out again. */
  layoutSwitched(): void {
    this.areas.clear();
  }

  /** Reads the stored steps and starts watching the live park. */
  async start(): Promise<void> {
    await this.sync();
    this.offs.push(
      this.live.onEvents((events) => void this.onEvents(events)),
      // the watch runs on the fixes' own time (a replayed or late batch is judged when it happened)
      this.live.onPositions((ps) => this.watchNow(ps.reduce((t, p) => Math.max(t, p.t), 0) || this.live.options.now())),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    clearTimeout(this.trailing);
  }

  /** Folds in steps stored since the last read (another process of a cluster may have taken them). */
  async sync(): Promise<void> {
    for (const r of await this.store.permitRecords(this.lastId)) {
      try {
        this.book.apply(r);
      } catch (e) {
        this.log.error({ record: r.id, err: (e as Error).message }, 'permit record out of order: skipped');
      }
      this.lastId = Math.max(this.lastId, r.id);
    }
  }

  /** The area of a permit in local metres (src/geo/live/permitWatch.ts), cached. */
  area(p: Pick<Permit, 'id' | 'area' | 'feature'>): XY[][] {
    let rings = this.areas.get(p.id);
    if (!rings) this.areas.set(p.id, (rings = permitRings(this.model, p)));
    return rings;
  }

  /** Stores a step, folds it in and tells it; one step at a time. */
  private commit(rec: NewPermitRecord, detail: Record<string, unknown> = {}): Promise<Permit | Refusal> {
    const run = this.chain.then(async () => {
      let stored: PermitRecord;
      try {
        stored = await this.store.appendPermitRecord(rec);
      } catch (e) {
        if (e instanceof PermitConflict) {
          await this.sync();
          return { status: 409, error: e.message } satisfies Refusal;
        }
        throw e;
      }
      await this.sync();
      const p = this.book.permits.get(stored.permit)!;
      await this.live.record({
        t_ms: stored.t,
        type: `permit.${EVENT_OF[stored.action]}`,
        subject: p.id,
        place: p.feature ?? p.enterprise,
        detail: {
          number: p.number,
          kind: p.kind,
          grade: p.grade ?? null,
          enterprise: p.enterprise,
          status: p.status,
          by: stored.by,
          ...(typeof stored.body.reason === 'string' ? { reason: stored.body.reason } : {}),
          ...detail,
        },
      });
      this.watchNow(stored.t, true);
      return p;
    });
    this.chain = run.catch(() => {});
    return run;
  }

  async file(body: PermitBody, by: Actor, now_ms: number): Promise<Permit | Refusal> {
    await this.sync();
    const r = this.book.file(body, by, now_ms, (id) => this.model.byId.get(id)?.kind === 'enterprise');
    if (isRefusal(r)) return r;
    if (body.feature && !this.model.byId.has(body.feature)) return { status: 400, error: `feature ${body.feature} is not in the layout`, field: 'feature' };
    return this.commit(r);
  }

  async act(
    id: string,
    action: PermitAction,
    body: { reason?: string; analysis?: Permit['gas_analyses'][number] },
    by: Actor,
    now_ms: number,
  ): Promise<Permit | Refusal> {
    await this.sync();
    const wind = this.live.weather?.wind_speed_m_s ?? null;
    const r = this.book.act(id, action, body, by, now_ms, wind);
    if (isRefusal(r)) return r;
    const done = await this.commit(r);
    // an analysis that fails its limit stops the work it is for
    if (!isRefusal(done) && action === 'analysis' && done.status === 'active' && body.analysis) {
      const f = analysisFailure(body.analysis, done.kind);
      if (f) return this.commit(this.book.act(id, 'suspend', { reason: `gas analysis failed: ${f.en}` }, SYSTEM, now_ms) as NewPermitRecord, { gas: true });
    }
    return done;
  }

  async spotCheck(id: string, check: Omit<SpotCheck, 't' | 'by'>, by: Actor, now_ms: number): Promise<Permit | Refusal> {
    await this.sync();
    const r = this.book.spotCheck(id, check, by, now_ms);
    if (isRefusal(r)) return r;
    const done = await this.commit(r, { finding: check.finding });
    // a spot check that stops the work suspends it
    if (!isRefusal(done) && check.finding === 'stopped' && done.status === 'active') {
      const s = this.book.act(id, 'suspend', { reason: `stopped by spot check: ${check.note}` }, by, now_ms);
      if (!isRefusal(s)) return this.commit(s);
    }
    return done;
  }

  /** Closes what time ended (the server's timer; the leader's in a cluster). */
  async tick(now_ms: number): Promise<void> {
    await this.sync();
    for (const r of this.book.expire(now_ms)) await this.commit(r);
  }

  /** The permits at work (active), with their areas, for the watch. */
  private active(): WatchedPermit[] {
    const out: WatchedPermit[] = [];
    for (const p of this.book.permits.values())
      if (p.status === 'active') out.push({ id: p.id, kind: p.kind, rings: this.area(p), worker_tags: p.worker_tags, watcher_tag: p.watcher_tag });
    return out;
  }

  /**
   * Who is inside each permit's area, whether its watcher is near, judged at `now_ms` (the fixes' time).
   * At most once a second of wall time unless forced; a batch that comes sooner is judged at the end of
   * that second, so the last positions are always seen.
   */
  private watchNow(now_ms: number, force = false): void {
    const wall = Date.now();
    this.pendingAt = Math.max(this.pendingAt, now_ms);
    if (!force && wall - this.lastWatch_ms < 1000) {
      this.trailing ??= setTimeout(
        () => {
          this.trailing = undefined;
          this.watchNow(this.pendingAt, true);
        },
        1000 - (wall - this.lastWatch_ms),
      );
      this.trailing.unref?.();
      return;
    }
    this.lastWatch_ms = wall;
    now_ms = this.pendingAt;
    const at = new Map<string, XY>();
    for (const p of this.live.positions.values()) if (p.kind === 'person') at.set(p.id, this.model.frame.toLocal([p.lon, p.lat]));
    const change = this.watch.update(this.active(), at, now_ms);
    const live: typeof this.live.permitsLive = {};
    for (const f of change.facts)
      live[f.permit] = { enterprise: this.book.permits.get(f.permit)!.enterprise, inside: f.inside, watcher_present: f.watcher_present };
    this.live.permitsLive = live;
    const tell = (type: 'permit.watcher_absent' | 'permit.watcher_back', permit: string, detail: Record<string, unknown>) => {
      const p = this.book.permits.get(permit)!;
      void this.live
        .record({
          t_ms: now_ms,
          type,
          subject: p.id,
          place: p.feature ?? p.enterprise,
          detail: { number: p.number, kind: p.kind, enterprise: p.enterprise, ...detail },
        })
        .catch(() => {});
    };
    for (const a of change.absent) tell('permit.watcher_absent', a.permit, { watcher: a.watcher, since_ms: a.since_ms, workers: a.workers, priority: 'high' });
    for (const b of change.back) tell('permit.watcher_back', b.permit, { watcher: b.watcher, absent_ms: b.absent_ms });
  }

  /** A combustible or toxic gas detector going into alarm suspends the hot work and confined-space entry it reaches. */
  private async onEvents(events: StoredEvent[]): Promise<void> {
    let active: WatchedPermit[] | undefined; // worked out for the first gas alarm of the batch
    for (const e of events) {
      if (e.type !== 'alarm.unacknowledged' || e.detail.from !== 'normal') continue;
      const s = this.model.byId.get(e.subject);
      const type = (s?.props as { type?: string } | undefined)?.type;
      if (!s || (type !== 'combustible_gas' && type !== 'toxic_gas')) continue;
      const near = permitsNear(s.anchor, (active ??= this.active()), ['hot_work', 'confined_space'], GAS_ALARM_REACH_M);
      for (const n of near) {
        const rec = this.book.act(n.permit, 'suspend', { reason: `gas alarm ${e.subject} ${String(e.detail.level)} at ${n.distance_m} m` }, SYSTEM, e.t);
        if (isRefusal(rec)) continue;
        rec.body.gas_alarm = true;
        rec.body.sensor = e.subject;
        rec.body.level = String(e.detail.level);
        rec.body.distance_m = n.distance_m;
        const done = await this.commit(rec, { sensor: e.subject, distance_m: n.distance_m, priority: 'high', gas_alarm: true }).catch((err: Error) => {
          this.log.error({ permit: n.permit, err: err.message }, 'could not suspend a permit on a gas alarm');
          return null;
        });
        if (done && !isRefusal(done)) this.log.warn({ permit: n.permit, sensor: e.subject }, 'permit suspended by a gas alarm');
      }
    }
  }
}
