/**
 * `npm start` / `npm run serve`: the parktwin server with the configured layout.
 *
 * Without configured users (no PARKTWIN_USERS_FILE, PARKTWIN_USERS or OpenID Connect) it runs in
 * demo mode and listens on loopback only; a non-loopback HOST in demo mode is refused (exit 2).
 */
import { ConfigError, readConfig } from './config.ts';
import { createApp, isLoopback, LayoutLoadError, type ParktwinServer } from './app.ts';
import { logText, redactUrl } from './auth/secrets.ts';
import { UsersFileError } from './auth/usersFile.ts';
import { createLogger } from './log.ts';
import { SourcesFileError } from './sources/config.ts';

const log = createLogger();

function fail(message: string, code = 1): never {
  log.fatal({ exit: code }, message);
  process.exit(code);
}

// nothing a client sends may end the process: a stray rejection is logged, never fatal
process.on('unhandledRejection', (e) => log.error({ err: String((e as Error)?.message ?? e) }, 'unhandled rejection'));

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (e) {
  if (e instanceof ConfigError) fail(e.message, 2);
  throw e;
}

const demo = !config.users && !config.usersFile && !config.oidc;
const host = config.host ?? (demo ? '127.0.0.1' : undefined);
if (demo && host && !isLoopback(host))
  fail(`HOST=${host} is not loopback, and no users are configured: set PARKTWIN_USERS_FILE (docs/security.md) before serving a network`, 2);
if (config.redisUrl && !config.databaseUrl)
  log.warn({}, 'REDIS_URL without DATABASE_URL: each process keeps its own SQLite events, so event ids differ between processes');
if (config.users)
  log.warn(
    {},
    'PARKTWIN_USERS (name:role:token) is deprecated: give people passwords in a users file (parktwin user add … --file users.json; PARKTWIN_USERS_FILE) and machines tokens (parktwin token add); see docs/security.md',
  );
if (config.ingestToken)
  log.warn(
    {},
    'PARKTWIN_INGEST_TOKEN is deprecated: make an ingest token (parktwin token add <name> --scope ingest --file users.json), kept hashed in the users file; see docs/security.md',
  );

let server: ParktwinServer;
try {
  server = await createApp({
    layoutFile: config.layoutFile,
    staticDir: config.staticDir,
    dbFile: config.dbFile,
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    ingestToken: config.ingestToken,
    simulator: config.simulator,
    mqttUrl: config.mqttUrl,
    sources: config.sourcesFile,
    pkiDir: config.pkiDir,
    videoRulesFile: config.videoRulesFile,
    video: { snapshotMax_bytes: config.snapshotMax_bytes, snapshotRetention_ms: config.snapshotRetention_ms },
    users: config.users,
    usersFile: config.usersFile,
    oidc: config.oidc,
    tls: config.tls,
    live: { trackRetention_ms: config.trackRetention_ms, clockAhead_ms: config.clockAhead_ms },
    log,
  });
} catch (e) {
  if (e instanceof LayoutLoadError) {
    for (const i of e.issues) log.error({ file: config.layoutFile, feature: i.feature, path: i.path }, i.message);
    fail(e.message);
  }
  if (e instanceof UsersFileError) fail(e.message, 2);
  if (e instanceof SourcesFileError) {
    for (const p of e.problems) log.error({ file: config.sourcesFile }, p);
    fail(e.message, 2);
  }
  fail(`cannot start: ${(e as Error).message}`);
}

for (const w of server.warnings) log.warn({ file: config.layoutFile, feature: w.feature, path: w.path }, w.message);

try {
  const port = await server.listen(config.port, host);
  process.stdout.write(`parktwin: ${logText(server.model.meta.name ?? 'park')} — ${server.model.features.length} features\n`);
  if (demo)
    process.stdout.write(
      'parktwin: demo mode (no users configured): listening on loopback only; the page signs in as the demo viewer and offers the other roles\n',
    );
  if (!config.ingestToken && !config.usersFile) process.stdout.write(`parktwin: ingest token (no ingest token configured): ${server.ingestToken}\n`);
  const where = config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : config.dbFile;
  process.stdout.write(
    `parktwin: events stored in ${where}; simulator ${config.simulator ? `${config.simulator === 'opcua' ? 'on, gas detectors over OPC UA' : 'on'}${server.cluster ? ' (leader only)' : ''}` : 'off'}${config.mqttUrl ? `; MQTT ${redactUrl(config.mqttUrl)}` : ''}${server.cluster ? `; cluster via Redis as ${server.cluster.id}` : ''}\n`,
  );
  const scheme = config.tls ? 'https' : 'http';
  const shown = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  process.stdout.write(`parktwin: open ${scheme}://${shown}:${port}/\n`);
} catch (e) {
  fail(`cannot listen on ${host ?? '*'}:${config.port}: ${(e as Error).message}`);
}

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
