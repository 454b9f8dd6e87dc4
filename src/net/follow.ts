/** Keeping a REST-read store current with the socket's events. */
import { useLive } from '../state/live.ts';

/**
 * Calls `reload` now, and again — coalesced over 200 ms — after the events the socket brings whose
 * type `matches`; returns the stop.
 */
export function followEvents(matches: (type: string) => boolean, reload: () => Promise<void>): () => void {
  void reload();
  let last = useLive.getState().events[0]?.id ?? 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const off = useLive.subscribe((s) => {
    const fresh = s.events.filter((e) => e.id > last);
    if (!fresh.length) return;
    last = fresh[0].id;
    if (fresh.some((e) => matches(e.type))) {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 200);
    }
  });
  return () => (off(), clearTimeout(timer));
}
