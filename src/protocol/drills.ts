/**
 * What the server says of a training drill, over HTTP (docs/drills.md): shared by the server
 * (server/drills/drill.ts) and the browser (src/state/drill.ts).
 */

/** A drill as `GET /api/drills/<id>` gives it. */
export interface DrillInfo {
  id: string;
  /** The scenario as the file format gives it (lon/lat), for the clients. */
  scenario: Record<string, unknown>;
  by: string;
  /** Epoch ms. */
  started_at: number;
  /** Seconds into the scenario at the start (a drill may begin part-way). */
  start_at_s: number;
  /** When the release was shut off, s into the scenario; null while it goes on. */
  release_s: number | null;
}

/** The debrief of a drill (`GET /api/drills/<id>/report`, and the answer to ending it); times in seconds since it began. */
export interface DrillReport {
  id: string;
  by: string;
  /** Epoch ms. */
  started_at: number;
  /** Drill time covered, s. */
  duration_s: number;
  alarms: {
    alarm: string;
    sensor: string;
    level: string;
    priority: string;
    raised_s: number;
    acknowledged_s: number | null;
    by: string | null;
    response_s: number | null;
  }[];
  evacuation: {
    subject: string;
    kind: string;
    level: number;
    assembly: string | null;
    route_m: number;
    sent_s: number;
    arrived_s: number | null;
    took_s: number | null;
  }[];
  summary: {
    alarms_raised: number;
    alarms_acknowledged: number;
    median_response_s: number | null;
    slowest_response_s: number | null;
    sent: number;
    arrived: number;
    median_evacuation_s: number | null;
    last_arrival_s: number | null;
    /** When the release was shut off and by whom (leaks). */
    release_shut_off_s: number | null;
    release_shut_off_by: string | null;
  };
}
