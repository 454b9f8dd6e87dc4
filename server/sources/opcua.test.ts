/**
 * The OPC UA source against a real node-opcua server on a free port: values (scaled, with their
 * source timestamps), Bad and Uncertain status codes never taken as values, a node the server does
 * not have reported while the rest keep working, a server restart, an untrusted server certificate
 * refused until trusted, a user and password.
 */
import { mkdtempSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataType, MessageSecurityMode, OPCUACertificateManager, OPCUAServer, SecurityPolicy, StatusCodes, type UAVariable, Variant } from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type ParkModel } from '../../src/model/model.ts';
import { readJsonFile } from '../jsonFile.ts';
import { DEMO_LAYOUT, ROOT_DIR } from '../config.ts';
import { LiveState } from '../domain/live.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { freePort } from '../__test__/services.ts';
import { until } from '../__test__/wait.ts';
import { createApp, readSourcesFile } from '../app.ts';
import { parseUsers } from '../auth/legacy.ts';
import { checkSources } from './config.ts';
import { startOpcUaSource } from './opcua.ts';
import type { FieldSource } from './status.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-opcua-'));
let model: ParkModel;

interface TestServer {
  server: OPCUAServer;
  vars: Record<string, UAVariable>;
  endpoint: string;
}
/** A server with two gas detectors (`ns=1;s=GD1`, `ns=1;s=GD2`), on a port, with the given security and users. */
async function startServer(port: number, opts: { secure?: boolean; user?: boolean; pki?: string } = {}): Promise<TestServer> {
  const server = new OPCUAServer({
    port,
    hostname: '127.0.0.1',
    resourcePath: '/UA/park',
    serverCertificateManager: new OPCUACertificateManager({
      rootFolder: opts.pki ?? path.join(dir, `server-pki-${port}`),
      automaticallyAcceptUnknownCertificate: true,
    }),
    securityModes: opts.secure ? [MessageSecurityMode.SignAndEncrypt] : [MessageSecurityMode.None],
    securityPolicies: opts.secure ? [SecurityPolicy.Basic256Sha256] : [SecurityPolicy.None],
    allowAnonymous: !opts.user,
    userManager: { isValidUser: (name: string, password: string) => name === 'parktwin' && password === 'correct horse' },
  });
  await server.initialize();
  const space = server.engine.addressSpace!;
  const ns = space.getOwnNamespace();
  const park = ns.addObject({ organizedBy: space.rootFolder.objects, browseName: 'Park' });
  const vars: Record<string, UAVariable> = {};
  for (const id of ['GD1', 'GD2']) {
    vars[id] = ns.addVariable({ componentOf: park, browseName: id, nodeId: `s=${id}`, dataType: 'Double' });
    vars[id].setValueFromSource(new Variant({ dataType: DataType.Double, value: 0 }), StatusCodes.Good);
  }
  await server.start();
  return { server, vars, endpoint: `opc.tcp://127.0.0.1:${port}/UA/park` };
}
const set = (s: TestServer, id: string, value: number, status = StatusCodes.Good, at = new Date()) =>
  s.vars[id].setValueFromSource(new Variant({ dataType: DataType.Double, value }), status, at);

const newLive = () => new LiveState(model, new SqliteStore(':memory:'), Date.now());
const latest = (live: LiveState, sensor: string) => live.latestReadings().find((r) => r.sensor === sensor);
const sources: FieldSource[] = [];
const servers: TestServer[] = [];

beforeAll(() => {
  const r = loadModel(readJsonFile(DEMO_LAYOUT));
  if (!r.ok) throw new Error('demo layout');
  model = r.model;
});
afterAll(async () => {
  for (const s of sources) await s.stop().catch(() => {});
  for (const s of servers) await s.server.shutdown(0).catch(() => {});
});

const config = (endpoint: string, extra: object = {}) =>
  checkSources(
    {
      opcua: [
        {
          name: 'Test DCS',
          endpoint,
          sampling_ms: 50,
          publishing_ms: 100,
          items: [
            { node: 'ns=1;s=GD1', sensor: 'T-LPG-01-GD1', scale: 2, offset: 1 },
            { node: 'ns=1;s=GD2', sensor: 'T-LPG-02-GD1' },
            { node: 'ns=1;s=NOPE', sensor: 'T-LPG-03-GD1' },
          ],
          ...extra,
        },
      ],
    },
    model,
  ).opcua[0];

describe('OPC UA source', () => {
  it('takes values (scaled, source time), refuses Bad and Uncertain ones, reports a missing node, and rides out a server restart', async () => {
    const port = await freePort();
    let srv = await startServer(port);
    servers.push(srv);
    const live = newLive();
    const src = await startOpcUaSource(config(srv.endpoint), live, { pkiDir: path.join(dir, 'client-pki-1'), flush_ms: 20 });
    sources.push(src);
    await until('connected', () => src.status.state === 'connected');
    expect(src.status.missing).toEqual([{ item: 'ns=1;s=NOPE', reason: 'BadNodeIdUnknown' }]);

    await new Promise((r) => setTimeout(r, 600)); // the initial values are in; the next is stamped 200 ms in the past
    const at = new Date(Date.now() - 200);
    set(srv, 'GD1', 12.5, StatusCodes.Good, at);
    await until('a value', () => latest(live, 'T-LPG-01-GD1')?.value === 26);
    expect(latest(live, 'T-LPG-01-GD1')!.t).toBe(at.getTime()); // the source's timestamp, not the arrival

    // Bad: never a value; the sensor is faulty with the status, until a good value comes
    set(srv, 'GD2', 99, StatusCodes.BadSensorFailure);
    await until('bad quality', () => live.quality.get('T-LPG-02-GD1')?.status === 'BadSensorFailure');
    expect(latest(live, 'T-LPG-02-GD1')?.value).not.toBe(99);
    expect(live.status(Date.now()).badQuality['T-LPG-02-GD1']).toBe('bad: BadSensorFailure (Test DCS)');
    set(srv, 'GD2', 7, StatusCodes.UncertainLastUsableValue);
    await until('uncertain', () => live.quality.get('T-LPG-02-GD1')?.quality === 'uncertain');
    set(srv, 'GD2', 3);
    await until('good again', () => latest(live, 'T-LPG-02-GD1')?.value === 3 && !live.quality.has('T-LPG-02-GD1'));
    const stored = (await live.store.query({ subject: 'T-LPG-02-GD1' })).map((e) => e.type);
    expect(stored).toEqual(['sensor.quality_bad', 'sensor.quality_bad', 'sensor.quality_restored']);

    // the server goes away and comes back on the same port: the source reconnects by itself
    await srv.server.shutdown(0);
    await until('lost', () => src.status.state === 'reconnecting', 20_000);
    srv = await startServer(port);
    servers.push(srv);
    await until('reconnected', () => src.status.state === 'connected', 30_000);
    set(srv, 'GD1', 4);
    await until('a value after the restart', () => latest(live, 'T-LPG-01-GD1')?.value === 9, 20_000);
    await src.stop();
  }, 90_000);

  it('refuses an untrusted server certificate and says so; trusting it (moving it to trusted/) is all it takes', async () => {
    const port = await freePort();
    const srv = await startServer(port, { secure: true, user: true });
    servers.push(srv);
    const live = newLive();
    const pkiDir = path.join(dir, 'client-pki-2');
    const src = await startOpcUaSource(
      config(srv.endpoint, { security: { mode: 'SignAndEncrypt', policy: 'Basic256Sha256' }, user: { name: 'parktwin', password_env: 'DCS_PASSWORD' } }),
      live,
      { pkiDir, flush_ms: 20, env: { DCS_PASSWORD: 'correct horse' } },
    );
    sources.push(src);
    await until('refused', () => /certificate/i.test(src.status.error ?? ''));
    expect(src.status.state).not.toBe('connected');
    // the admin trusts the server's certificate, which the client put in rejected/
    const rejected = path.join(pkiDir, 'rejected');
    const files = readdirSync(rejected).filter((f) => f.endsWith('.pem') || f.endsWith('.der'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) renameSync(path.join(rejected, f), path.join(pkiDir, 'trusted', 'certs', f));
    await until('connected once trusted', () => src.status.state === 'connected', 40_000);
    set(srv, 'GD1', 5);
    await until('a value over SignAndEncrypt', () => latest(live, 'T-LPG-01-GD1')?.value === 11);
    await src.stop();
  }, 90_000);

  it('runs from the server: its status on /api/status, its values through the live park to the API', async () => {
    const port = await freePort();
    const srv = await startServer(port);
    servers.push(srv);
    const app = await createApp({
      layoutFile: DEMO_LAYOUT,
      dbFile: ':memory:',
      tick_ms: 0,
      users: parseUsers('admin:admin:admin-token-123;张强:viewer:viewer-token-12'),
      sources: {
        opcua: [{ name: 'Test DCS', endpoint: srv.endpoint, sampling_ms: 50, publishing_ms: 100, items: [{ node: 'ns=1;s=GD1', sensor: 'T-LPG-01-GD1' }] }],
      },
      pkiDir: path.join(dir, 'client-pki-3'),
    });
    const base = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    const get = async (route: string) => (await fetch(`${base}${route}`, { headers: { authorization: 'Bearer admin-token-123' } })).json();
    try {
      await until('connected', () => app.live.latestReadings().some((r) => r.sensor === 'T-LPG-01-GD1'));
      set(srv, 'GD1', 61); // past the HH set point of the LPG detector: an alarm, as from any other feed
      await until('the alarm', () => app.live.activeAlarms().some((a) => a.id === 'T-LPG-01-GD1:HH'));
      const status = await get('/api/status');
      expect(status.sources).toEqual([expect.objectContaining({ name: 'Test DCS', kind: 'opcua', state: 'connected', items: 1, missing: [], error: null })]);
      expect((await get('/api/sensors/T-LPG-01-GD1/history')).readings.at(-1).value).toBe(61);
      // a viewer is not told where the plant systems are
      const asViewer = await (await fetch(`${base}/api/status`, { headers: { authorization: 'Bearer viewer-token-12' } })).json();
      expect(asViewer.sources).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('PARKTWIN_SIMULATOR=opcua: the simulated gas detectors reach the live park through a real OPC UA session', async () => {
    const app = await createApp({
      layoutFile: DEMO_LAYOUT,
      dbFile: ':memory:',
      tick_ms: 200,
      simulator: 'opcua',
      users: parseUsers('admin:admin:admin-token-123'),
      pkiDir: path.join(dir, 'client-pki-4'),
    });
    try {
      const status = () => app.live.status(Date.now());
      const gas = model.ofKind('sensor').filter((s) => s.props.type === 'combustible_gas' || s.props.type === 'toxic_gas');
      const base = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
      // the gas detectors report (through the embedded server), the others directly as before
      await until(
        'gas readings over OPC UA',
        () => gas.filter((g) => app.live.latestReadings().some((r) => r.sensor === g.id)).length >= gas.length / 2,
        30_000,
      );
      const sources = (await (await fetch(`${base}/api/status`, { headers: { authorization: 'Bearer admin-token-123' } })).json()).sources;
      expect(sources).toEqual([
        expect.objectContaining({ name: 'Simulator (embedded OPC UA)', kind: 'opcua', state: 'connected', items: gas.length, missing: [] }),
      ]);
      expect(sources[0].values).toBeGreaterThan(0);
      expect(Object.keys(status().badQuality)).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('refuses a sources file naming a sensor the layout does not have, or one sensor twice, naming each', () => {
    expect(() =>
      checkSources(
        {
          opcua: [
            {
              name: 'x',
              endpoint: 'opc.tcp://h:4840',
              items: [
                { node: 'ns=1;s=A', sensor: 'NOPE' },
                { node: 'ns=1;s=B', sensor: 'T-LPG-01-GD1' },
              ],
            },
          ],
          modbus: [{ name: 'p', host: 'h', registers: [{ sensor: 'T-LPG-01-GD1', table: 'holding', address: 0 }] }],
        },
        model,
      ),
    ).toThrow(
      /opcua\.0\.items\.0\.sensor: "NOPE" is not a sensor of the layout.*modbus\.0\.registers\.0\.sensor: "T-LPG-01-GD1" is fed by opcua\.0\.items\.1 already/,
    );
    // the example of docs/integration.md is valid against the demo park
    expect(readSourcesFile(path.join(ROOT_DIR, 'examples/sources.json'), model).opcua[0].items).toHaveLength(2);
    expect(() => checkSources({ opcua: [{ name: 'x', endpoint: 'http://h', items: [] }] }, model)).toThrow(
      /endpoint: must be an opc\.tcp:\/\/ endpoint URL.*items: a source maps at least one node/,
    );
    // browse paths: one of node and path; a pattern names its sensors with {1} …; a path is a path
    expect(() =>
      checkSources(
        {
          opcua: [
            {
              name: 'x',
              endpoint: 'opc.tcp://h:4840',
              items: [
                { node: 'ns=1;s=A', path: '/1:A', sensor: 'T-LPG-01-GD1' },
                { path: '/1:Tanks/*/1:GD1', sensor: 'T-LPG-02-GD1' },
                { path: 'Tanks.GD1', sensor: 'T-LPG-03-GD1' },
              ],
            },
          ],
        },
        model,
      ),
    ).toThrow(/items\.0: give the node .* or its path.*items\.1\.sensor: a path with \* matches several nodes.*items\.2\.path: must be a browse path/);
  });

  it('items by browse path, and patterns whose matches name their sensors; what they do not reach is reported', async () => {
    const port = await freePort();
    const srv = await startServer(port);
    servers.push(srv);
    // a DCS's tree: Park/Tanks/<tag>/GD1 for three tanks, one of which the layout does not have
    const space = srv.server.engine.addressSpace!;
    const ns = space.getOwnNamespace();
    const park = space.rootFolder.objects.getFolderElementByName('Park', ns.index)!;
    const tanks = ns.addObject({ componentOf: park, browseName: 'Tanks' });
    const gd: Record<string, UAVariable> = {};
    for (const tag of ['T-LPG-05', 'T-LPG-06', 'T-XYZ-99']) {
      const tank = ns.addObject({ organizedBy: tanks, browseName: tag });
      gd[tag] = ns.addVariable({ componentOf: tank, browseName: 'GD1', dataType: 'Double' });
      gd[tag].setValueFromSource(new Variant({ dataType: DataType.Double, value: 0 }), StatusCodes.Good);
    }
    const cfg = checkSources(
      {
        opcua: [
          {
            name: 'Browsed DCS',
            endpoint: srv.endpoint,
            sampling_ms: 50,
            publishing_ms: 100,
            items: [
              { path: '/1:Park/1:GD1', sensor: 'T-LPG-01-GD1', scale: 10 },
              { path: '/1:Park/1:Tanks/*/1:GD1', sensor: '{1}-GD1' },
              { path: '/1:Park/1:NOPE', sensor: 'T-LPG-03-GD1' },
            ],
          },
        ],
      },
      model,
    ).opcua[0];
    const live = newLive();
    const src = await startOpcUaSource(cfg, live, { pkiDir: path.join(dir, 'client-pki-browse'), flush_ms: 20 });
    sources.push(src);
    await until('connected', () => src.status.state === 'connected');
    expect(src.status.items).toBe(3); // GD1 by its path, two tanks by the pattern
    expect(src.status.missing).toEqual([
      { item: expect.stringMatching(/^\/1:Park\/1:Tanks\/\*\/1:GD1 → ns=1;i=\d+$/), reason: 'the layout has no sensor "T-XYZ-99-GD1"' },
      { item: '/1:Park/1:NOPE', reason: 'no node at this path' },
    ]);
    await new Promise((r) => setTimeout(r, 400));
    set(srv, 'GD1', 1.5);
    gd['T-LPG-06'].setValueFromSource(new Variant({ dataType: DataType.Double, value: 33 }), StatusCodes.Good);
    await until('values', () => latest(live, 'T-LPG-01-GD1')?.value === 15 && latest(live, 'T-LPG-06-GD1')?.value === 33);
    expect(latest(live, 'T-LPG-05-GD1')?.value).toBe(0);
  });
});
