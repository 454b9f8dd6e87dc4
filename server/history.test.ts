/**
 * Sliced history reads (server/history.ts): a page read in slices is the page read at once, cursor
 * for cursor, scope filter included; slices of several readers take turns, one per turn of the
 * event loop, so other work (an ingest) runs between any two of them.
 */
import { describe, expect, it } from 'vitest';
import { readSliced, SliceGate } from './history.ts';
import { SqliteStore } from './store/sqlite.ts';

const T0 = Date.parse('2026-11-28T00:00:00Z');

describe('readSliced', () => {
  it('gives the same page, count and next cursor as one query, with equal times broken by id', async () => {
    const store = new SqliteStore(':memory:');
    // 2 500 events, five to a millisecond: the cursor's (time, id) tie-break is exercised at every slice edge
    await store.append(
      Array.from({ length: 2500 }, (_, i) => ({
        t_ms: T0 + Math.floor(i / 5),
        type: i % 2 ? 'fence.breach' : 'zone.enter',
        subject: `P-${i % 7}`,
        place: null,
        detail: { i },
      })),
    );
    for (const q of [{ limit: 1000 }, { limit: 2500 }, { limit: 10_000 }, { limit: 777, type: 'fence' }, { limit: 100, subject: 'P-3' }]) {
      const whole = await store.query(q);
      const page = await readSliced(
        new SliceGate(),
        { limit: q.limit, slice: 64 },
        (after, n) => store.query({ ...q, after, limit: n }),
        (e) => ({ t_ms: e.t, id: e.id }),
        (e) => JSON.stringify(e),
      );
      expect(page.read, JSON.stringify(q)).toBe(whole.length);
      expect(page.items.map((s) => JSON.parse(s))).toEqual(whole);
      expect(page.last).toEqual(whole.length ? { t_ms: whole.at(-1)!.t, id: whole.at(-1)!.id } : undefined);
    }
    // a filter (a user's scope) drops rows but the count and cursor are of the rows read
    const odd = await readSliced(
      new SliceGate(),
      { limit: 1000, slice: 100 },
      (after, n) => store.query({ after, limit: n }),
      (e) => ({ t_ms: e.t, id: e.id }),
      (e) => String(e.id),
      (e) => e.id % 2 === 1,
    );
    expect(odd.read).toBe(1000);
    expect(odd.items).toHaveLength(500);
    await store.close();
  });

  it('slices of concurrent readers take turns, and other work runs between any two', async () => {
    const gate = new SliceGate();
    const log: string[] = [];
    const rows = (who: string) => async (after: { t_ms: number; id: number } | undefined, n: number) => {
      const from = after ? after.id + 1 : 0;
      log.push(`${who}${from}`);
      return Array.from({ length: Math.min(n, 30 - from) }, (_, k) => ({ id: from + k }));
    };
    const read = (who: string) =>
      readSliced(
        gate,
        { limit: 30, slice: 10 },
        rows(who),
        (r) => ({ t_ms: 0, id: r.id }),
        (r) => String(r.id),
      );
    // an "ingest" that keeps asking for the event loop while the readers run
    let ticks = 0;
    let running = true;
    const ticker = (async () => {
      while (running) {
        log.push('tick');
        ticks++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const [a, b] = await Promise.all([read('a'), read('b')]);
    running = false;
    await ticker;
    expect(a.items).toHaveLength(30);
    expect(b.items).toHaveLength(30);
    const slices = log.filter((l) => l !== 'tick');
    expect(slices).toEqual(['a0', 'b0', 'a10', 'b10', 'a20', 'b20']);
    // never two slices back to back without the other work getting a turn
    for (let i = 1; i < log.length; i++) expect(log[i] !== 'tick' && log[i - 1] !== 'tick', log.join(' ')).toBe(false);
    expect(ticks).toBeGreaterThanOrEqual(5);
  });
});
