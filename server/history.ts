/**
 * History reads without stalling the alarm path (issue #16, item 6). A page of history (up to
 * 10 000 rows) is read in slices of SLICE_ROWS, each fetched with the page's cursor and serialized
 * at once; between slices the reader gives the event loop back. Slices of all readers take turns
 * through one gate, one slice per turn of the event loop, so whatever the number of readers, an
 * ingest request waits for at most one slice (a few milliseconds), not for every reader's whole page
 * (`npm run bench -- history` measures it against reading whole pages at once).
 */
import type { Cursor } from './store/types.ts';

export const SLICE_ROWS = 1000;

/** One slice at a time; the next waiting reader runs in the next turn of the event loop, after I/O. */
export class SliceGate {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  async run<T>(work: () => Promise<T> | T): Promise<T> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next)
        setImmediate(next); // stays busy: handed over after the poll phase has run
      else this.busy = false;
    }
  }
}

export interface SlicedPage {
  /** Each kept row, serialized. */
  items: string[];
  /** Rows read (before any scope filter): a full page has `limit` of them. */
  read: number;
  /** The cursor of the last row read. */
  last?: Cursor;
}

/**
 * Reads up to `limit` rows after `after` in slices through `gate`. `fetch` reads one slice (the
 * store's cursor query); `keep` filters (a user's scope) and `serialize` writes one row.
 */
export async function readSliced<R>(
  gate: SliceGate,
  opts: { limit: number; after?: Cursor; slice?: number },
  fetch: (after: Cursor | undefined, n: number) => Promise<R[]>,
  cursorOf: (r: R) => Cursor,
  serialize: (r: R) => string,
  keep: (r: R) => boolean = () => true,
): Promise<SlicedPage> {
  const slice = opts.slice ?? SLICE_ROWS;
  const items: string[] = [];
  let read = 0;
  let after = opts.after;
  while (read < opts.limit) {
    const n = Math.min(slice, opts.limit - read);
    const rows = await gate.run(async () => {
      const rows = await fetch(after, n);
      for (const r of rows) if (keep(r)) items.push(serialize(r));
      return rows;
    });
    read += rows.length;
    if (rows.length) after = cursorOf(rows[rows.length - 1]);
    if (rows.length < n) break;
  }
  return { items, read, last: read ? after : undefined };
}
