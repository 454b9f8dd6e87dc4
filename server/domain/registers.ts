/**
 * The park's registers, kept in the store's ledger (each entry a step that can only be added):
 * - duties: the check-ins of major hazard sources' responsible persons (包保), and when the roster began;
 * - turnarounds: start-ups, shutdowns and turnarounds of units with their windows;
 * - contractors: companies with their people and qualifications, and the entries filed before work —
 *   and at every inward gate passage a contractor's person is checked against them.
 * Each change is stored, then told as a stored event (`duty.checked_in` …) that reaches the clients.
 */
import { admitAtGate, checkEntry } from '../../src/geo/compliance/contractors.ts';
import { checkWaybill, type Waybill } from '../../src/geo/compliance/waybills.ts';
import { HazchemRoutes } from '../../src/geo/live/hazchemRoutes.ts';
import { IngestError } from './edge.ts';
import { type DutyCheckin, type DutyStatus, dutyRoster } from '../../src/geo/compliance/dutyRoster.ts';
import { type HazardUnit, identifyMajorHazards } from '../../src/geo/compliance/majorHazards.ts';
import type { Turnaround } from '../../src/geo/compliance/turnarounds.ts';
import type { ParkModel } from '../../src/model/model.ts';
import type { EventType, LivePosition } from '../../src/protocol/events.ts';
import { type ActiveRoute, type Contractor, type ContractorBody, type ContractorEntry, type EntryBody, WaybillBatch } from '../../src/protocol/registers.ts';
import type { LiveState } from './live.ts';
import type { Log } from './log.ts';
import type { Actor, Refusal } from './permits.ts';
import { LedgerConflict, type LedgerRecord, type NewLedgerRecord, type Store, type StoredEvent } from '../store/types.ts';

type Book = 'duties' | 'turnarounds' | 'contractors' | 'waybills';
const covers = (a: Actor, enterprise: string | null) => a.enterprises === null || (enterprise !== null && a.enterprises.includes(enterprise));

export class Registers {
  private readonly lastId: Record<Book, number> = { duties: 0, turnarounds: 0, contractors: 0, waybills: 0 };
  readonly waybills = new Map<string, Waybill>();
  private readonly seqs = new Map<string, number>();
  readonly checkins: DutyCheckin[] = [];
  rosterSince: number | null = null;
  readonly turnarounds = new Map<string, Turnaround>();
  readonly contractors = new Map<string, Contractor>();
  readonly entries = new Map<string, ContractorEntry>();
  private units: { model: ParkModel; units: HazardUnit[] } | undefined;
  private offs: (() => void)[] = [];
  private hazchem: HazchemRoutes | undefined;

  constructor(
    readonly store: Store,
    readonly live: LiveState,
    readonly log: Log,
  ) {}

  /** The layout in force (the live park's: it follows a layout switch). */
  get model(): ParkModel {
    return this.live.model;
  }

  /** The major hazard sources of the layout in force (worked out when first asked for). */
  hazardUnits(): HazardUnit[] {
    if (this.units?.model !== this.model) this.units = { model: this.model, units: identifyMajorHazards(this.model) };
    return this.units.units;
  }

  /** The hazchem routes of the layout in force: the trucks held to them (a layout switch starts afresh). */
  routes(): HazchemRoutes {
    if (this.hazchem?.model !== this.model) this.hazchem = new HazchemRoutes(this.model);
    return this.hazchem;
  }

  async start(): Promise<void> {
    await Promise.all((['duties', 'turnarounds', 'contractors', 'waybills'] as const).map((b) => this.sync(b)));
    this.offs.push(
      this.live.onEvents((es) => void this.onEvents(es)),
      this.live.onPositions((ps) => this.onPositions(ps)),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** A tracked hazchem truck's positions against its route and its waybill's time. */
  private onPositions(ps: readonly LivePosition[]): void {
    const routes = this.routes();
    if (!routes.tracking) return;
    for (const p of ps) {
      if (p.kind !== 'vehicle' || !routes.isTracked(p.id)) continue;
      const at = this.model.frame.toLocal([p.lon, p.lat]);
      for (const e of routes.position(p.id, [at[0], at[1]], p.t)) {
        const [lon, lat] = e.type === 'waybill.overtime' ? [p.lon, p.lat] : this.model.frame.toLngLat(e.at);
        void this.live
          .record({
            t_ms: p.t,
            type: e.type,
            subject: e.subject,
            place: null,
            detail: {
              waybill: e.waybill,
              plate: p.name ?? null,
              lon,
              lat,
              ...(e.type === 'waybill.off_route' ? { distance_m: e.distance_m, priority: 'high' } : {}),
              ...(e.type === 'waybill.overtime' ? { valid_to: e.valid_to, priority: 'high' } : {}),
            },
          })
          .catch((err: Error) => this.log.error({ err: err.message }, 'could not store a route event'));
      }
    }
  }

  /** The hazchem trucks in the park held to their routes (routes in longitude, latitude), as the API sends them. */
  activeRoutes(a: Actor): ActiveRoute[] {
    return this.routes()
      .active()
      .flatMap((r) => {
        const w = this.waybills.get(r.waybill);
        if (!w || !covers(a, w.destination)) return [];
        return [
          {
            subject: r.subject,
            waybill: r.waybill,
            vehicle: w.vehicle,
            substance: w.substance,
            quantity_t: w.quantity_t,
            destination: w.destination,
            gate: r.route.from,
            length_m: Math.round(r.route.length_m),
            line: r.route.line.map((q) => this.model.frame.toLngLat(q).map((v) => Math.round(v * 1e7) / 1e7) as [number, number]),
            off_route: r.off,
            overtime: r.overtime,
            notes: r.route.notes,
          },
        ];
      });
  }

  /** Folds in what was stored since the last read (another process of a cluster may have added it). */
  async sync(book: Book): Promise<void> {
    for (const r of await this.store.ledger(book, this.lastId[book])) {
      this.apply(r);
      this.lastId[book] = Math.max(this.lastId[book], r.id);
    }
  }

  private apply(r: LedgerRecord): void {
    this.seqs.set(`${r.book}|${r.key}`, Math.max(r.seq, this.seqs.get(`${r.book}|${r.key}`) ?? 0));
    const b = r.body;
    if (r.book === 'duties') {
      if (r.action === 'start') this.rosterSince = r.t;
      else if (r.action === 'checkin')
        this.checkins.push({ t: r.t, unit: r.key, role: b.role as DutyCheckin['role'], by: String(b.by ?? r.by), note: String(b.note ?? '') });
    } else if (r.book === 'turnarounds') {
      if (r.action === 'register')
        this.turnarounds.set(r.key, {
          ...(b as unknown as Omit<Turnaround, 'id' | 'by' | 'registered_at' | 'cancelled'>),
          id: r.key,
          by: r.by,
          registered_at: r.t,
          cancelled: null,
        });
      else if (r.action === 'cancel') {
        const t = this.turnarounds.get(r.key);
        if (t) t.cancelled = { at: r.t, by: r.by, reason: String(b.reason ?? '') };
      }
    } else if (r.book === 'waybills') {
      this.waybills.set(r.key, b as unknown as Waybill);
    } else if (r.book === 'contractors') {
      if (r.action === 'register') this.contractors.set(r.key, { ...(b as unknown as ContractorBody), registered_at: r.t, registered_by: r.by });
      else if (r.action === 'entry')
        this.entries.set(String(b.id), {
          ...(b as unknown as Omit<ContractorEntry, 'filed_at' | 'filed_by' | 'revoked'>),
          filed_at: r.t,
          filed_by: r.by,
          revoked: null,
        });
      else if (r.action === 'revoke') {
        const e = this.entries.get(String(b.id));
        if (e) e.revoked = { at: r.t, by: r.by, reason: String(b.reason ?? '') };
      }
    }
  }

  /** Stores a step (the next of its key) at a time, folds it in, tells it (the demo's office seeds its history with it). */
  async add(
    book: Book,
    key: string,
    action: string,
    by: string,
    body: Record<string, unknown>,
    event: { type: EventType; place: string | null; detail: Record<string, unknown> } | null,
    now_ms: number,
  ): Promise<LedgerRecord | Refusal> {
    await this.sync(book);
    const rec: NewLedgerRecord = { t: now_ms, book, key, seq: (this.seqs.get(`${book}|${key}`) ?? 0) + 1, action, by, body };
    try {
      await this.store.appendLedger(rec);
    } catch (e) {
      if (e instanceof LedgerConflict) return { status: 409, error: e.message };
      throw e;
    }
    await this.sync(book);
    if (event) await this.live.record({ t_ms: now_ms, type: event.type, subject: key, place: event.place, detail: { by, ...event.detail } });
    return { ...rec, id: this.lastId[book] };
  }

  // ---- duties (包保) ----------------------------------------------------------------------------------

  /** The roster now (an actor limited to enterprises sees theirs). Begins the roster on first use. */
  async roster(a: Actor, now_ms: number): Promise<DutyStatus[]> {
    await this.sync('duties');
    // the roster begins when first asked for: duties never checked are due by the end of that period
    if (this.rosterSince === null) await this.add('duties', '_roster', 'start', 'system', {}, null, now_ms);
    return dutyRoster(this.model, this.hazardUnits(), this.checkins, now_ms, this.model.meta.timezone, this.rosterSince ?? now_ms).filter((d) =>
      covers(a, d.enterprise),
    );
  }

  async checkin(
    unit: string,
    role: DutyCheckin['role'],
    note: string,
    onBehalfOf: string | undefined,
    a: Actor,
    now_ms: number,
  ): Promise<DutyStatus[] | Refusal> {
    const roster = await this.roster(a, now_ms);
    const duty = roster.find((d) => d.unit === unit && d.role === role);
    if (!duty) return { status: 404, error: `no major hazard source ${unit} of yours` };
    // a person checks in for themself; an admin may record a check made on paper, naming whose it was
    const who = onBehalfOf ?? a.name;
    if (onBehalfOf && a.role !== 'admin') return { status: 403, error: 'only an admin records a check on behalf of another', field: 'on_behalf_of' };
    if (duty.person && who !== duty.person) return { status: 403, error: `the ${role} responsible person of ${unit} is ${duty.person}, not ${who}` };
    const r = await this.add(
      'duties',
      unit,
      'checkin',
      a.name,
      { role, note, by: who },
      { type: 'duty.checked_in', place: unit, detail: { role, person: who, enterprise: duty.enterprise } },
      now_ms,
    );
    if ('error' in r) return r;
    return (await this.roster(a, now_ms)).filter((d) => d.unit === unit);
  }

  // ---- turnarounds ----------------------------------------------------------------------------------

  async listTurnarounds(a: Actor): Promise<Turnaround[]> {
    await this.sync('turnarounds');
    return [...this.turnarounds.values()].filter((t) => covers(a, t.enterprise)).sort((x, y) => y.from - x.from);
  }

  async registerTurnaround(
    b: { unit: string; kind: Turnaround['kind']; from: number; to: number; note: string },
    a: Actor,
    now_ms: number,
  ): Promise<Turnaround | Refusal> {
    const unit = this.hazardUnits().find((u) => u.unit === b.unit) ?? null;
    const f = this.model.byId.get(b.unit);
    if (!f || (f.kind !== 'process_unit' && f.kind !== 'dike' && !unit))
      return { status: 400, error: `${b.unit} is not a unit of the layout (a process unit, a tank group or a major hazard source)`, field: 'unit' };
    const enterprise = unit?.enterprise ?? (f.props as { enterprise_id?: string }).enterprise_id ?? null;
    if (!covers(a, enterprise)) return { status: 403, error: `you do not act for ${enterprise ?? 'the park'}` };
    await this.sync('turnarounds');
    const id = `TA-${b.unit}-${this.turnarounds.size + 1}`;
    const r = await this.add(
      'turnarounds',
      id,
      'register',
      a.name,
      { ...b, enterprise },
      { type: 'turnaround.registered', place: b.unit, detail: { kind: b.kind, from: b.from, to: b.to, enterprise } },
      now_ms,
    );
    if ('error' in r) return r;
    return this.turnarounds.get(id)!;
  }

  async cancelTurnaround(id: string, reason: string, a: Actor, now_ms: number): Promise<Turnaround | Refusal> {
    await this.sync('turnarounds');
    const t = this.turnarounds.get(id);
    if (!t || !covers(a, t.enterprise)) return { status: 404, error: `no turnaround ${id}` };
    if (t.cancelled) return { status: 409, error: `${id} is already cancelled` };
    const r = await this.add(
      'turnarounds',
      id,
      'cancel',
      a.name,
      { reason },
      { type: 'turnaround.cancelled', place: t.unit, detail: { reason, enterprise: t.enterprise } },
      now_ms,
    );
    if ('error' in r) return r;
    return this.turnarounds.get(id)!;
  }

  // ---- contractors ----------------------------------------------------------------------------------

  async listContractors(): Promise<{ contractors: Contractor[]; entries: ContractorEntry[] }> {
    await this.sync('contractors');
    return { contractors: [...this.contractors.values()], entries: [...this.entries.values()].sort((x, y) => y.from - x.from) };
  }

  async registerContractor(b: ContractorBody, a: Actor, now_ms: number): Promise<Contractor | Refusal> {
    if (a.enterprises !== null) return { status: 403, error: 'contractors are registered by the park (a park-wide operator or admin)' };
    const r = await this.add(
      'contractors',
      b.id,
      'register',
      a.name,
      b as unknown as Record<string, unknown>,
      { type: 'contractor.registered', place: null, detail: { name: b.name, people: b.people.length } },
      now_ms,
    );
    if ('error' in r) return r;
    return this.contractors.get(b.id)!;
  }

  async fileEntry(contractor: string, b: EntryBody, a: Actor, now_ms: number): Promise<ContractorEntry | Refusal> {
    await this.sync('contractors');
    const c = this.contractors.get(contractor);
    if (!c) return { status: 404, error: `no contractor ${contractor}` };
    if (this.model.byId.get(b.enterprise)?.kind !== 'enterprise')
      return { status: 400, error: `enterprise ${b.enterprise} is not in the layout`, field: 'enterprise' };
    if (!covers(a, b.enterprise)) return { status: 403, error: `you do not act for ${b.enterprise}`, field: 'enterprise' };
    const problems = checkEntry(c, b, now_ms);
    if (problems.length)
      return { status: 400, error: problems[0].message_en, field: problems[0].field, reasons: problems.map((p) => `${p.field}: ${p.message_en}`) };
    const id = `EN-${contractor}-${[...this.entries.values()].filter((e) => e.contractor === contractor).length + 1}`;
    const r = await this.add(
      'contractors',
      contractor,
      'entry',
      a.name,
      { ...b, id, contractor },
      { type: 'contractor.entry_filed', place: b.enterprise, detail: { entry: id, people: b.people, from: b.from, to: b.to } },
      now_ms,
    );
    if ('error' in r) return r;
    return this.entries.get(id)!;
  }

  async revokeEntry(id: string, reason: string, a: Actor, now_ms: number): Promise<ContractorEntry | Refusal> {
    await this.sync('contractors');
    const e = this.entries.get(id);
    if (!e || !covers(a, e.enterprise)) return { status: 404, error: `no entry ${id}` };
    if (e.revoked) return { status: 409, error: `${id} is already revoked` };
    const r = await this.add(
      'contractors',
      e.contractor,
      'revoke',
      a.name,
      { id, reason },
      { type: 'contractor.entry_revoked', place: e.enterprise, detail: { entry: id, reason } },
      now_ms,
    );
    if ('error' in r) return r;
    return this.entries.get(id)!;
  }

  // ---- waybills ------------------------------------------------------------------------------------

  /** Takes a batch of waybills (all valid or none: IngestError naming every bad item and field); a waybill sent again replaces it. */
  async ingestWaybills(body: unknown, by: string, now_ms: number): Promise<{ accepted: number }> {
    const r = WaybillBatch.safeParse(body);
    if (!r.success) throw new IngestError(r.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(batch)'}: ${i.message}`));
    const unknown = r.data.filter((w) => this.model.byId.get(w.destination)?.kind !== 'enterprise');
    if (unknown.length) throw new IngestError(unknown.map((w) => `${w.id}: destination ${w.destination} is no enterprise of the park`));
    for (const w of r.data) await this.add('waybills', w.id, 'file', by, w as unknown as Record<string, unknown>, null, now_ms);
    return { accepted: r.data.length };
  }

  async listWaybills(a: Actor): Promise<Waybill[]> {
    await this.sync('waybills');
    return [...this.waybills.values()].filter((w) => covers(a, w.destination)).sort((x, y) => y.valid_from - x.valid_from);
  }

  /** Every inward gate passage: a contractor's person without an entry or with an expired qualification, a hazchem vehicle without a valid waybill, is an event. */
  private async onEvents(events: StoredEvent[]): Promise<void> {
    for (const e of events) {
      if (e.type === 'gate.pass' && e.detail.direction === 'in' && e.detail.class === 'hazchem') {
        await this.sync('waybills');
        const p = this.live.positions.get(e.subject);
        const v = checkWaybill(this.model, { tag: e.subject, plate: p?.name }, [...this.waybills.values()], e.t);
        const w = v.ok ? this.waybills.get(v.waybill) : undefined;
        if (w && e.place) {
          // admitted: its route from this gate to its destination, and the truck held to it
          const route = this.routes().plan(e.place, w.destination);
          if (route) this.routes().track(e.subject, w.id, route, w.valid_to);
          await this.live
            .record({
              t_ms: e.t,
              type: 'waybill.routed',
              subject: e.subject,
              place: e.place,
              detail: route
                ? { waybill: w.id, destination: w.destination, length_m: Math.round(route.length_m), notes: route.notes, plate: p?.name ?? null }
                : { waybill: w.id, destination: w.destination, length_m: null, notes: ['no road joins the gate and the destination'], plate: p?.name ?? null },
            })
            .catch((err: Error) => this.log.error({ err: err.message }, 'could not store a waybill event'));
        }
        if (!v.ok)
          await this.live
            .record({
              t_ms: e.t,
              type: 'waybill.refused',
              subject: e.subject,
              place: e.place,
              detail: { reason: v.reason, waybill: v.waybill, detail: v.detail, plate: p?.name ?? null, priority: 'high' },
            })
            .catch((err: Error) => this.log.error({ err: err.message }, 'could not store a waybill event'));
        continue;
      }
      // a hazchem truck leaving is no longer held to its route
      if (e.type === 'gate.pass' && e.detail.direction === 'out' && e.detail.class === 'hazchem') this.routes().forget(e.subject);
      if (e.type !== 'gate.pass' || e.detail.direction !== 'in' || e.detail.class !== 'people') continue;
      const p = this.live.positions.get(e.subject);
      const v = admitAtGate(
        { tag: e.subject, name: p?.name, company: p?.company, role: p?.role },
        [...this.contractors.values()],
        [...this.entries.values()],
        e.t,
      );
      if (!v.contractor || v.admitted) continue;
      await this.live
        .record({
          t_ms: e.t,
          type: 'contractor.refused',
          subject: e.subject,
          place: e.place,
          detail: { reason: v.reason, company: v.company, detail: v.detail, name: p?.name ?? null, priority: 'high' },
        })
        .catch((err: Error) => this.log.error({ err: err.message }, 'could not store a contractor event'));
    }
  }
}
