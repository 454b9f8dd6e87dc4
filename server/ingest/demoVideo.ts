/**
 * The demo cameras' live streams: short looped recordings of a test pattern
 * (public/video/demo, written by scripts/make-demo-video.sh) played as live HLS — a sliding window
 * of segments whose media sequence follows the clock, with a discontinuity where the loop starts
 * again (RFC 8216 §4.3.2.3, §4.3.3.3), so every viewer sees the same "now".
 */
/** Where the recordings are, from the repository's root. */
export const DEMO_VIDEO_DIR = 'public/video/demo';
/** Segments per loop and their length, as the script writes them. */
export const DEMO_SEGMENTS = 4;
export const DEMO_SEGMENT_S = 2;
/** Segments listed in the live playlist (RFC 8216 §6.2.2: at least three target durations). */
const WINDOW = 4;

/** The files the demo route serves: a variant's playlist, its segments, its still. */
export const DEMO_FILE = /^([abc])(\.m3u8|-[0-9]+\.ts|\.jpg)$/;

/** The live media playlist of a demo variant at a time. */
export function demoPlaylist(variant: string, now_ms: number): string {
  // the newest segment listed is the one playing now; the window ends with it
  const newest = Math.floor(now_ms / (DEMO_SEGMENT_S * 1000));
  const first = Math.max(0, newest - WINDOW + 1);
  // a discontinuity precedes every segment that starts the loop again (k % n == 0, k > 0): how many went by before the window
  const discontinuities = first === 0 ? 0 : Math.floor((first - 1) / DEMO_SEGMENTS);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${DEMO_SEGMENT_S}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuities}`,
  ];
  for (let k = first; k <= newest; k++) {
    if (k > 0 && k % DEMO_SEGMENTS === 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${DEMO_SEGMENT_S.toFixed(3)},`, `${variant}-${k % DEMO_SEGMENTS}.ts`);
  }
  return `${lines.join('\n')}\n`;
}
