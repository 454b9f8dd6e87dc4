/**
 * A server killed with SIGKILL and started again on the same SQLite file has lost no stored event,
 * and a client that reconnects with its last event id resumes where it was.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { killServers, spawnServer } from './__test__/process.ts';
import { freePort } from './__test__/services.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-restart-'));
const startServer = (port: number) =>
  spawnServer({
    PORT: String(port),
    PARKTWIN_DB: path.join(dir, 'events.db'),
    PARKTWIN_SIMULATOR: 'off',
    PARKTWIN_INGEST_TOKEN: 'restart-token-1',
    PARKTWIN_USERS: 'v:viewer:viewer-token-12',
  });
afterAll(killServers);

describe('restart after SIGKILL', () => {
  it('keeps every stored event and lets a client resume', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startServer(port);
    const t = Date.now();
    const res = await fetch(`${base}/api/ingest/readings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer restart-token-1' },
      body: JSON.stringify([{ sensor: 'T-LPG-01-GD1', value: 60, t }]),
    });
    expect(await res.json()).toMatchObject({ events: 2 });
    const before = await (await fetch(`${base}/api/events`, { headers: { authorization: 'Bearer viewer-token-12' } })).json();
    expect(before).toHaveLength(2);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    await startServer(port);
    const after = await (await fetch(`${base}/api/events`, { headers: { authorization: 'Bearer viewer-token-12' } })).json();
    expect(after).toEqual(before);
    // a client that had seen the first event gets the second one on reconnect
    const c = connect(base, { auth: { token: 'viewer-token-12', since: before[0].id }, transports: ['websocket'], reconnection: false, forceNew: true });
    const missed = await new Promise<{ id: number }[]>((resolve) => c.once('events', resolve));
    c.close();
    expect(missed.map((e) => e.id)).toEqual([before[1].id]);
  }, 60_000);
});
