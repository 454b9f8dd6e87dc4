/**
 * The real server on a free loopback port for a test file, with the socket.io clients it opens
 * closed afterwards: `useTestServer(deps)` starts it before the file's tests and stops it after
 * (the returned object's fields are set once beforeAll has run).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/protocol/events.ts';
import { createApp, type AppDeps, type ParktwinServer } from '../app.ts';
import { DEMO_LAYOUT } from '../config.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  server: ParktwinServer;
  base: string;
  /** A socket.io client on a namespace (`/`, `/drill/<id>`), signing in with `auth` or a session `cookie`; no reconnection. */
  socket(path: string, opts?: { auth?: Record<string, unknown>; cookie?: string }): Client;
}

export function useTestServer(deps: Partial<AppDeps> = {}): TestServer {
  const clients: Client[] = [];
  const t: TestServer = {
    server: undefined as unknown as ParktwinServer,
    base: '',
    socket: (path, opts = {}) => {
      const c: Client = connect(`${t.base}${path}`, {
        auth: opts.auth ?? {},
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}),
      });
      clients.push(c);
      return c;
    },
  };
  beforeAll(async () => {
    t.server = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: ':memory:', tick_ms: 0, ...deps });
    t.base = `http://127.0.0.1:${await t.server.listen(0, '127.0.0.1')}`;
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.server?.close();
  });
  return t;
}

/** The next message of a kind on a client. */
export const next = <K extends keyof ServerToClientEvents>(c: Client, ev: K) =>
  new Promise<Parameters<ServerToClientEvents[K]>[0]>((resolve) => c.once(ev, ((x: never) => resolve(x)) as never));

/**
 * Servers a test starts itself, as often as it needs (a restart on the same store): `start()` gives
 * one on a free loopback port with the demo park, no clock and `deps()`; all are closed after the
 * describe block it is called in.
 */
export function useServers(deps: () => Partial<AppDeps>): () => Promise<{ s: ParktwinServer; base: string }> {
  const servers: ParktwinServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close().catch(() => {});
  });
  return async () => {
    const s = await createApp({ layoutFile: DEMO_LAYOUT, tick_ms: 0, ...deps() });
    servers.push(s);
    return { s, base: `http://127.0.0.1:${await s.listen(0, '127.0.0.1')}` };
  };
}
