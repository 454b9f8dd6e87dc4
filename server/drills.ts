/**
 * The drills a server runs: each a scenario played out in isolation (server/drills/drill.ts) with
 * its own in-memory store and its own socket.io namespace `/drill/<id>`, which clients join
 * instead of the live park's. Started and ended by trainers (and admins); anyone signed in may
 * watch one, and operators acknowledge its alarms as they would live ones (`?drill=<id>` on the
 * HTTP API). In a cluster a drill lives in the process that started it.
 */
import { randomBytes } from 'node:crypto';
import type { Namespace, Server } from 'socket.io';
import { z } from 'zod';
import { ScenarioError, scenarioFootprints, type Scenario } from '../src/geo/risk/emergency.ts';
import { parseScenario, ScenarioInputError } from '../src/geo/risk/scenarioIO.ts';
import type { ParkModel } from '../src/model/model.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/protocol/events.ts';
import type { Principal } from './auth/auth.ts';
import { Drill, type DrillInfo, type DrillReport } from './drills/drill.ts';
import { attachLive, socketError, type SocketAccess } from './realtime.ts';
import { SqliteStore } from './store/sqlite.ts';

/** At most this many drills at once (each has its own simulation). */
export const MAX_DRILLS = 4;
/** A drill ends by itself after this long, ms. */
export const MAX_DRILL_MS = 4 * 3600_000;

const DrillRequest = z.strictObject({
  /** The scenario, as a scenario file gives it (docs/hazards.md); its weather is the drill's. */
  scenario: z.unknown(),
  /** Seconds into the scenario to start at (skip the first minutes of a leak). */
  start_at_s: z.number().min(0).max(3600).default(0),
});

/** A drill request that cannot be run: `field` names what is wrong. */
export class DrillInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

interface Running {
  drill: Drill;
  store: SqliteStore;
  nsp: Namespace<ClientToServerEvents, ServerToClientEvents>;
  detach(): void;
}

export class Drills {
  private readonly running = new Map<string, Running>();

  constructor(
    /** The layout new drills run on (a drill keeps the one it started with; a layout switch sets this). */
    public model: ParkModel,
    private readonly io: Server<ClientToServerEvents, ServerToClientEvents>,
    private readonly access: SocketAccess,
  ) {}

  /** Starts a drill from a request body; throws DrillInputError (bad request) or a limit error. */
  start(body: unknown, by: Pick<Principal, 'name'>, now_ms: number): DrillInfo {
    const r = DrillRequest.safeParse(body);
    if (!r.success) {
      const i = r.error.issues[0] as { path: PropertyKey[]; message: string; code?: string; keys?: string[] };
      throw new DrillInputError(
        i.code === 'unrecognized_keys' && i.keys?.length ? i.keys[0] : i.path.join('.') || 'body',
        i.code === 'unrecognized_keys' ? 'unknown field' : i.message,
      );
    }
    if (this.running.size >= MAX_DRILLS) throw new DrillLimitError(`${MAX_DRILLS} drills are running already: end one first`);
    let scenario: Scenario;
    try {
      scenario = parseScenario(this.model, r.data.scenario);
      if (scenario.elapsed_s !== undefined) throw new ScenarioInputError('elapsed_s', 'a drill keeps its own time: use start_at_s');
      if (scenario.release_s !== undefined)
        throw new ScenarioInputError('release_s', "a drill's release is shut off during the drill (POST /api/drills/<id>/stop)");
      scenarioFootprints(this.model, scenario); // runs at all, or says why
    } catch (e) {
      if (e instanceof ScenarioInputError) throw new DrillInputError(`scenario.${e.field}`, e.message.slice(e.field.length + 2));
      if (e instanceof ScenarioError) throw new DrillInputError('scenario', e.message);
      throw e;
    }
    const id = randomBytes(6).toString('base64url');
    const info: DrillInfo = {
      id,
      scenario: r.data.scenario as Record<string, unknown>,
      by: by.name,
      started_at: now_ms,
      start_at_s: r.data.start_at_s,
      release_s: null,
    };
    const store = new SqliteStore(':memory:');
    const drill = new Drill(this.model, info, scenario, store, now_ms);
    const nsp = this.io.of(`/drill/${id}`);
    const { detach } = attachLive(nsp, drill.live, this.access);
    this.running.set(id, { drill, store, nsp, detach });
    drill.step(now_ms);
    return info;
  }

  get(id: string): Drill | undefined {
    return this.running.get(id)?.drill;
  }

  list(): DrillInfo[] {
    return [...this.running.values()].map((r) => r.drill.info);
  }

  /** Ends a drill: its clients are disconnected, its state and store dropped. Its debrief, or null if unknown. */
  async end(id: string, now_ms = Date.now()): Promise<DrillReport | null> {
    const r = this.running.get(id);
    if (!r) return null;
    this.running.delete(id);
    const report = await r.drill.report(now_ms);
    r.detach();
    // the namespace goes with the drill: its sockets are closed, its listeners, middleware and
    // adapter dropped, and socket.io forgets it (a newcomer is told "Invalid namespace")
    r.nsp.removeAllListeners();
    r.nsp.use((_socket, next) => next(socketError('the drill has ended', { code: 'drill_ended' })));
    r.nsp.disconnectSockets(true);
    (this.io as unknown as { _nsps: Map<string, unknown> })._nsps.delete(r.nsp.name);
    void r.nsp.adapter.close();
    await r.store.close();
    return report;
  }

  /** Advances every drill (the server's clock), ending those past their time. */
  step(now_ms: number): void {
    for (const [id, r] of this.running) {
      if (now_ms - r.drill.started_ms > MAX_DRILL_MS) {
        void this.end(id);
        continue;
      }
      r.drill.step(now_ms);
      void r.drill.live.tick(now_ms).catch(() => {});
    }
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.end(id);
  }
}

/** Too many drills at once. */
export class DrillLimitError extends Error {}
