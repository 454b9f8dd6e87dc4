/**
 * `npm start` / `npm run serve`: the parktwin server with the configured layout.
 */
import { ConfigError, readConfig } from './config.ts';
import { createApp, LayoutLoadError } from './app.ts';

/** A URL without its password, for logs. */
function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

function fail(message: string): never {
  process.stderr.write(`parktwin: ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = readConfig();
} catch (e) {
  if (e instanceof ConfigError) fail(e.message);
  throw e;
}

if (config.redisUrl && !config.databaseUrl) process.stderr.write('parktwin: warning: REDIS_URL without DATABASE_URL: each process keeps its own SQLite events, so event ids differ between processes\n');

let server;
try {
  server = await createApp({ layoutFile: config.layoutFile, staticDir: config.staticDir, dbFile: config.dbFile, databaseUrl: config.databaseUrl, redisUrl: config.redisUrl, ingestToken: config.ingestToken, simulator: config.simulator, mqttUrl: config.mqttUrl, users: config.users });
} catch (e) {
  if (e instanceof LayoutLoadError) {
    for (const i of e.issues) process.stderr.write(`${config.layoutFile}: ${i.feature}: ${i.path}: ${i.message}\n`);
    fail(e.message);
  }
  fail(`cannot start: ${(e as Error).message}`);
}

for (const w of server.warnings) process.stderr.write(`${config.layoutFile}: ${w.feature}: ${w.path}: warning: ${w.message}\n`);

try {
  const port = await server.listen(config.port);
  process.stdout.write(`parktwin: ${server.model.meta.name ?? 'park'} — ${server.model.features.length} features\n`);
  if (!config.users) for (const u of server.users) process.stdout.write(`parktwin: demo user ${u.name} (${u.role}) token: ${u.token}\n`);
  if (!config.ingestToken) process.stdout.write(`parktwin: ingest token (PARKTWIN_INGEST_TOKEN not set): ${server.ingestToken}\n`);
  const where = config.databaseUrl ? `PostgreSQL ${redact(config.databaseUrl)}` : config.dbFile;
  process.stdout.write(`parktwin: events stored in ${where}; simulator ${config.simulator ? (server.cluster ? 'on (leader only)' : 'on') : 'off'}${config.mqttUrl ? `; MQTT ${config.mqttUrl}` : ''}${server.cluster ? `; cluster via Redis as ${server.cluster.id}` : ''}\n`);
  process.stdout.write(`parktwin: open http://localhost:${port}/\n`);
} catch (e) {
  fail(`cannot listen on port ${config.port}: ${(e as Error).message}`);
}

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
