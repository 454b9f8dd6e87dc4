/**
 * Validation at the edge of the live park: a batch of positions or readings is checked whole before
 * any of it is applied (a bad batch changes nothing), and items stamped too far ahead of the
 * server's clock are refused with their reason. Nothing here touches the engines.
 */
import { toEpochMs } from '../../src/protocol/ingest.ts';
import type { NewEvent } from '../store/types.ts';

/** A rejected batch: the reasons name the item and the field. */
export class IngestError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.slice(0, 5).join('; ') + (reasons.length > 5 ? ` (and ${reasons.length - 5} more)` : ''));
  }
}

type Schema<T> = {
  safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

/**
 * The items of a batch, each accepted by the schema, or IngestError naming every bad item and field.
 * `plain` recognises an item already exactly what the schema accepts: the usual batch is taken as
 * it is, without a parse per item.
 */
export function parseBatch<T>(body: unknown, schema: Schema<T>, what: string, plain?: (x: unknown) => x is T): T[] {
  if (!Array.isArray(body)) throw new IngestError([`the body must be a JSON array of ${what}`]);
  if (plain && body.every(plain)) return body as T[];
  const reasons: string[] = [];
  const items: T[] = [];
  body.forEach((raw, i) => {
    if (plain?.(raw)) return void items.push(raw);
    const r = schema.safeParse(raw);
    if (r.success) items.push(r.data);
    else for (const iss of r.error.issues) reasons.push(`[${i}]${iss.path.length ? `.${iss.path.join('.')}` : ''}: ${iss.message}`);
  });
  if (reasons.length) throw new IngestError(reasons);
  return items;
}

/**
 * Devices with a wrong clock. An item stamped further ahead of the server's clock than the
 * tolerance is refused (it would make every later reading stale); the first refused item of a
 * device raises an event naming its clock (`sensor.clock_fault`, `tag.clock_fault`), its next item
 * on time clears it (`…clock_restored`).
 */
export class ClockGuard {
  /** Sensors and tags whose last item came stamped too far ahead. */
  readonly faults = new Set<string>();
  refused = 0;

  constructor(
    private readonly ahead_ms: number,
    private readonly now: () => number,
  ) {}

  /** Splits a valid batch into the items on time and the events and reasons of those refused; the usual batch (all on time) is returned as it is. */
  check<T extends { t: number | string }>(items: T[], idOf: (x: T) => string, what: 'sensor' | 'tag'): { items: T[]; faults: NewEvent[]; reasons: string[] } {
    const now = this.now();
    const limit = now + this.ahead_ms;
    let bad: Set<T> | null = null;
    const faults: NewEvent[] = [];
    const reasons: string[] = [];
    for (let i = 0; i < items.length; i++) {
      const x = items[i];
      const t = toEpochMs(x.t);
      const id = idOf(x);
      if (t > limit) {
        (bad ??= new Set()).add(x);
        this.refused++;
        const ahead_s = Math.round((t - now) / 1000);
        if (reasons.length < 20)
          reasons.push(
            `[${i}].t: ${new Date(t).toISOString()} is ${ahead_s} s ahead of the server's clock (at most ${this.ahead_ms / 1000} s): ${what} "${id}" has a wrong clock; item refused`,
          );
        if (!this.faults.has(id)) faults.push({ t_ms: now, type: `${what}.clock_fault`, subject: id, place: null, detail: { device_t_ms: t, ahead_s } });
        this.faults.add(id);
      } else if (this.faults.size && this.faults.has(id) && !bad?.has(x)) {
        this.faults.delete(id);
        faults.push({ t_ms: now, type: `${what}.clock_restored`, subject: id, place: null, detail: {} });
      }
    }
    return { items: bad ? items.filter((x) => !bad.has(x)) : items, faults, reasons };
  }
}

/**
 * The items' times (epoch ms) and the order to apply them in: null when already in time order (the
 * usual case: no sort, no allocation per item), else a stable sort of the indices.
 */
export function timeOrder(items: readonly { t: number | string }[]): { t_ms: Float64Array; order: Uint32Array | null } {
  const t_ms = new Float64Array(items.length);
  let sorted = true;
  for (let i = 0; i < items.length; i++) {
    t_ms[i] = toEpochMs(items[i].t);
    if (i && t_ms[i] < t_ms[i - 1]) sorted = false;
  }
  if (sorted) return { t_ms, order: null };
  const order = Uint32Array.from(items.keys()).sort((a, b) => t_ms[a] - t_ms[b] || a - b);
  return { t_ms, order };
}
