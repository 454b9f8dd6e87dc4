/**
 * The REST contract's plain constants, apart from its schemas (api.ts) so the page's first script —
 * the session and the layout requested while the app's code still loads (src/net/boot.ts) — carries
 * no schema library.
 */

/** The roles of people (docs/security.md); ingest tokens have the role `ingest`. */
export const ROLES = ['viewer', 'operator', 'trainer', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that may store a new version of the park's layout (PUT /api/layout). */
export const LAYOUT_EDITORS: readonly Role[] = ['planner', 'admin'];

/** Routes whose answer depends on `?drill=<id>` (the drill's isolated live state instead of the park's). */
export const DRILL_AWARE = new Set<string>([
  'GET /api/alarms',
  'POST /api/alarms/:id/ack',
  'POST /api/alarms/:id/shelve',
  'GET /api/events',
  'GET /api/tracks',
  'GET /api/sensors/:id/history',
]);
