import { describe, expect, it } from 'vitest';
import { StreamGaps } from './streamMarks.ts';

describe('StreamGaps', () => {
  it('says a batch went missing when a count skips, per stream and per sender', () => {
    const g = new StreamGaps();
    g.reset({ positions: { o: 'a', s: 4 }, readings: { o: 'a', s: 10 } });
    expect(g.missed('positions', { o: 'a', s: 5 })).toBe(false);
    expect(g.missed('positions', { o: 'a', s: 7 })).toBe(true); // 6 never came
    expect(g.missed('positions', { o: 'a', s: 8 })).toBe(false);
    expect(g.missed('readings', { o: 'a', s: 11 })).toBe(false); // its own count
    expect(g.missed('readings', { o: 'a', s: 13 })).toBe(true);
    // another process's stream starts its own count at whatever it is
    expect(g.missed('positions', { o: 'b', s: 41 })).toBe(false);
    expect(g.missed('positions', { o: 'b', s: 42 })).toBe(false);
    expect(g.missed('positions', { o: 'b', s: 44 })).toBe(true);
  });

  it('takes batches sent before the snapshot, repeats and marks it cannot read as no gap', () => {
    const g = new StreamGaps();
    g.reset({ positions: { o: 'a', s: 4 } });
    expect(g.missed('positions', { o: 'a', s: 3 })).toBe(false); // joined before the snapshot was read: already in it
    expect(g.missed('positions', { o: 'a', s: 4 })).toBe(false);
    expect(g.missed('positions', undefined)).toBe(false);
    expect(g.missed('positions', { o: 'a', s: 1.5 } as never)).toBe(false);
    expect(g.missed('positions', { o: 'a', s: 5 })).toBe(false);
  });

  it('starts again at a snapshot (a reconnect)', () => {
    const g = new StreamGaps();
    g.reset({ positions: { o: 'a', s: 4 } });
    expect(g.missed('positions', { o: 'a', s: 5 })).toBe(false);
    g.reset({ positions: { o: 'a', s: 9 } }); // a new connection: 6 to 9 were in its snapshot
    expect(g.missed('positions', { o: 'a', s: 10 })).toBe(false);
    g.reset({});
    expect(g.missed('positions', { o: 'a', s: 20 })).toBe(false);
    expect(g.missed('positions', { o: 'a', s: 22 })).toBe(true);
  });
});
