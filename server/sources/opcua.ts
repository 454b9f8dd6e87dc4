/**
 * An OPC UA source: a client (node-opcua) that subscribes to the mapped variables of one server and
 * hands their values to the live park as readings — the same validated path as HTTP and MQTT.
 *
 * - Security: mode None, or Sign / SignAndEncrypt with a policy; the client's certificate and the
 *   trusted servers' certificates are kept in a PKI folder (`<pki>/own`, `<pki>/trusted`,
 *   `<pki>/rejected`). A server certificate not in `trusted` is refused (moved to `rejected`) and
 *   reported: an admin trusts it by moving the file to `trusted/certs`.
 * - Values: a Good value becomes a reading (value × scale + offset; the source timestamp, else the
 *   server's); a Bad or Uncertain one is never taken as a value — the sensor is marked faulty with the
 *   status (`sensor.quality_bad`) until a good value comes.
 * - Items by NodeId, or by browse path (a `*` step: a pattern, see browse.ts) resolved at each connection.
 * - A node the server does not have is reported on the source's status; the rest keep working.
 * - A lost connection is re-established with back-off (node-opcua's reconnection, subscriptions
 *   republished); meanwhile the sensors fall silent and go comm-lost by the rule for any silent sensor.
 */
import path from 'node:path';
import {
  AttributeIds,
  ClientMonitoredItemGroup,
  ClientSubscription,
  type ClientSession,
  type DataValue,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
  UserTokenType,
} from 'node-opcua';
import type { ReadingPayload } from '../../src/protocol/ingest.ts';
import type { LiveState } from '../domain/live.ts';
import type { OpcUaSourceConfig } from './config.ts';
import { type ResolvedItem, resolveItems } from './browse.ts';
import type { FieldSource, SourceStatus } from './status.ts';

export interface OpcUaOptions {
  /** The PKI folder (client certificate, trusted and rejected server certificates). */
  pkiDir: string;
  /** Readings are handed over in batches at most this often, ms. */
  flush_ms: number;
  /** Environment for `password_env` (tests pass their own). */
  env: NodeJS.ProcessEnv;
}

export async function startOpcUaSource(cfg: OpcUaSourceConfig, live: LiveState, options: Partial<OpcUaOptions> = {}): Promise<FieldSource> {
  const o: OpcUaOptions = { pkiDir: path.resolve('data/pki'), flush_ms: 100, env: process.env, ...options };
  const log = live.options.log;
  const status: SourceStatus = {
    name: cfg.name,
    kind: 'opcua',
    target: cfg.endpoint,
    state: 'connecting',
    error: null,
    items: cfg.items.length,
    missing: [],
    values: 0,
    refused: 0,
    last_value_ms: null,
  };
  const certificateManager = new OPCUACertificateManager({ rootFolder: o.pkiDir, automaticallyAcceptUnknownCertificate: false });
  await certificateManager.initialize();
  const client = OPCUAClient.create({
    applicationName: 'parktwin',
    endpointMustExist: false,
    securityMode: MessageSecurityMode[cfg.security.mode],
    securityPolicy: SecurityPolicy[cfg.security.policy],
    clientCertificateManager: certificateManager,
    connectionStrategy: { initialDelay: 500, maxDelay: 10_000, maxRetry: Number.MAX_SAFE_INTEGER },
    keepSessionAlive: true,
    requestedSessionTimeout: 60_000,
  });
  const fail = (what: string) => (err?: Error) => {
    if (!err) return;
    status.error = `${what}: ${err.message}`;
    log.warn({ source: cfg.name, err: err.message }, `OPC UA ${what}`);
  };
  client.on('backoff', (count, delay) => {
    if (status.state !== 'stopped') status.state = status.state === 'connected' ? 'reconnecting' : status.state;
    if (count === 1 || count % 10 === 0) log.info({ source: cfg.name, attempt: count, delay_ms: delay }, 'OPC UA: trying again');
  });
  client.on('connection_failed', fail('connection failed'));
  client.on('connection_lost', () => {
    if (status.state === 'stopped') return;
    status.state = 'reconnecting';
    status.error = 'connection lost';
    log.warn({ source: cfg.name }, 'OPC UA connection lost');
  });
  client.on('connection_reestablished', () => {
    if (status.state === 'stopped') return;
    status.state = 'connected';
    status.error = null;
    log.info({ source: cfg.name }, 'OPC UA connection re-established');
  });

  // values are batched: one ingest per flush, not one per notification
  let batch: ReadingPayload[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const items = batch;
    batch = [];
    if (items.length) live.ingestReadings(items).catch(fail('readings refused'));
  };
  // the items of this connection: NodeIds as given, browse paths and patterns resolved on the server
  let items: ResolvedItem[] = [];
  const onValue = (k: number, dv: DataValue) => {
    const item = items[k];
    if (!item) return;
    const now = Date.now();
    const sc = dv.statusCode;
    // no value yet (a server just started): neither a value nor a fault
    if (sc.name === 'BadWaitingForInitialData' || sc.name === 'UncertainInitialValue') return;
    if (!sc.isGood()) {
      status.refused++;
      void live.markQuality(item.sensor, { quality: sc.isBad() ? 'bad' : 'uncertain', status: sc.name, source: cfg.name }, now);
      return;
    }
    const raw = dv.value?.value;
    const v = typeof raw === 'number' ? raw : typeof raw === 'boolean' ? Number(raw) : typeof raw === 'bigint' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(v)) {
      status.refused++;
      void live.markQuality(item.sensor, { quality: 'bad', status: `not a number (${dv.value?.dataType ?? typeof raw})`, source: cfg.name }, now);
      return;
    }
    if (live.quality.has(item.sensor)) void live.markQuality(item.sensor, null, now);
    const t = dv.sourceTimestamp?.getTime() ?? dv.serverTimestamp?.getTime() ?? now;
    batch.push({ sensor: item.sensor, value: v * item.scale + item.offset, t });
    status.values++;
    status.last_value_ms = now;
    timer ??= setTimeout(flush, o.flush_ms);
  };

  let session: ClientSession | null = null;
  let subscription: ClientSubscription | null = null;
  const run = async () => {
    await client.connect(cfg.endpoint);
    const password = cfg.user ? o.env[cfg.user.password_env] : undefined;
    if (cfg.user && password === undefined) throw new Error(`the environment variable ${cfg.user.password_env} (the password of ${cfg.user.name}) is not set`);
    session = await client.createSession(
      cfg.user ? { type: UserTokenType.UserName, userName: cfg.user.name, password: password! } : { type: UserTokenType.Anonymous },
    );
    subscription = ClientSubscription.create(session, {
      requestedPublishingInterval: cfg.publishing_ms,
      requestedLifetimeCount: 100,
      requestedMaxKeepAliveCount: 10,
      maxNotificationsPerPublish: 0,
      publishingEnabled: true,
      priority: 10,
    });
    const resolved = await resolveItems(session, cfg.items, (id) => live.model.byId.get(id)?.kind === 'sensor');
    items = resolved.items;
    status.items = items.length;
    const group = ClientMonitoredItemGroup.create(
      subscription,
      items.map((i) => ({ nodeId: i.node, attributeId: AttributeIds.Value })),
      { samplingInterval: cfg.sampling_ms, discardOldest: true, queueSize: 10 },
      TimestampsToReturn.Both,
    );
    group.on('changed', (_item, dv, k) => onValue(k, dv));
    await new Promise<void>((resolve) => group.once('initialized', () => resolve()));
    status.missing = [
      ...resolved.missing,
      ...group.monitoredItems.flatMap((m, k) => (m.statusCode.isGood() ? [] : [{ item: items[k].from, reason: m.statusCode.name }])),
    ];
    for (const m of status.missing) log.warn({ source: cfg.name, node: m.item, status: m.reason }, 'OPC UA node not monitored');
    status.state = 'connected';
    status.error = null;
    log.info({ source: cfg.name, items: items.length, missing: status.missing.length }, 'OPC UA source connected');
  };
  // a refused certificate or a refused user fails the connection outright: try again, backing off,
  // so trusting the certificate (or fixing the account) is all it takes
  const started = (async () => {
    const stopped = () => status.state === 'stopped';
    for (let delay = 1000; !stopped(); delay = Math.min(delay * 2, 10_000)) {
      try {
        await run();
        return;
      } catch (e) {
        if (stopped()) return;
        fail('cannot connect')(e as Error);
        await client.disconnect().catch(() => {});
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  })();
  return {
    status,
    async stop() {
      status.state = 'stopped';
      if (timer) clearTimeout(timer);
      await Promise.race([started, new Promise((r) => setTimeout(r, 2000))]);
      await subscription?.terminate().catch(() => {});
      await session?.close().catch(() => {});
      await client.disconnect().catch(() => {});
      await certificateManager.dispose().catch(() => {});
    },
  };
}
