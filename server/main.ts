/**
 * `npm start` / `npm run serve`: the parktwin server with the configured layout.
 */
import { ConfigError, readConfig } from './config.ts';
import { createApp, LayoutLoadError } from './app.ts';

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

let server;
try {
  server = createApp({ layoutFile: config.layoutFile, staticDir: config.staticDir, dbFile: config.dbFile, ingestToken: config.ingestToken, simulator: config.simulator, mqttUrl: config.mqttUrl, users: config.users });
} catch (e) {
  if (e instanceof LayoutLoadError) {
    for (const i of e.issues) process.stderr.write(`${config.layoutFile}: ${i.feature}: ${i.path}: ${i.message}\n`);
    fail(e.message);
  }
  throw e;
}

for (const w of server.warnings) process.stderr.write(`${config.layoutFile}: ${w.feature}: ${w.path}: warning: ${w.message}\n`);

try {
  const port = await server.listen(config.port);
  process.stdout.write(`parktwin: ${server.model.meta.name ?? 'park'} — ${server.model.features.length} features\n`);
  if (!config.users) for (const u of server.users) process.stdout.write(`parktwin: demo user ${u.name} (${u.role}) token: ${u.token}\n`);
  if (!config.ingestToken) process.stdout.write(`parktwin: ingest token (PARKTWIN_INGEST_TOKEN not set): ${server.ingestToken}\n`);
  process.stdout.write(`parktwin: events stored in ${config.dbFile}; simulator ${config.simulator ? 'on' : 'off'}${config.mqttUrl ? `; MQTT ${config.mqttUrl}` : ''}\n`);
  process.stdout.write(`parktwin: open http://localhost:${port}/\n`);
} catch (e) {
  fail(`cannot listen on port ${config.port}: ${(e as Error).message}`);
}

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
