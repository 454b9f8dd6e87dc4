import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../config.ts';
import { DEMO_SEGMENTS, DEMO_VIDEO_DIR, demoPlaylist } from './demoVideo.ts';

describe('demo camera streams', () => {
  it('a live playlist: four 2 s segments ending with the one playing now, the loop marked as a discontinuity', () => {
    // 100.5 s after the epoch: segment 50 plays (100–102 s); the window is 47–50 → files 3, 0, 1, 2
    const p = demoPlaylist('a', 100_500);
    expect(p.split('\n').filter((l) => l.endsWith('.ts'))).toEqual(['a-3.ts', 'a-0.ts', 'a-1.ts', 'a-2.ts']);
    expect(p).toContain('#EXT-X-MEDIA-SEQUENCE:47');
    // loops started at segments 4, 8 … 44 before the window (11 of them); the one at 48 is in it
    expect(p).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:11');
    expect(p.split('\n').indexOf('#EXT-X-DISCONTINUITY')).toBe(p.split('\n').indexOf('a-3.ts') + 1);
    expect(p).not.toContain('#EXT-X-ENDLIST'); // live
  });
  it('moves on with the clock: two seconds later the window has slid by one segment', () => {
    const a = demoPlaylist('b', 100_500);
    const b = demoPlaylist('b', 102_500);
    expect(b).toContain('#EXT-X-MEDIA-SEQUENCE:48');
    const files = (p: string) => p.split('\n').filter((l) => l.endsWith('.ts'));
    expect(files(a)).toEqual(['b-3.ts', 'b-0.ts', 'b-1.ts', 'b-2.ts']);
    expect(files(b)).toEqual(['b-0.ts', 'b-1.ts', 'b-2.ts', 'b-3.ts']);
    // the loop's start (48) is now the window's first segment, its discontinuity still listed before it
    expect(b.split('\n').indexOf('#EXT-X-DISCONTINUITY')).toBe(b.split('\n').indexOf('b-0.ts') - 2);
    expect(b).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:11');
  });
  it('the segments and stills are in the repository', () => {
    for (const v of ['a', 'b', 'c']) {
      for (let k = 0; k < DEMO_SEGMENTS; k++) expect(existsSync(path.join(ROOT_DIR, DEMO_VIDEO_DIR, `${v}-${k}.ts`))).toBe(true);
      expect(existsSync(path.join(ROOT_DIR, DEMO_VIDEO_DIR, `${v}.jpg`))).toBe(true);
    }
  });
});
