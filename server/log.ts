/**
 * The server's logger: pino, one JSON object a line on stderr (the banner and the URL stay plain
 * lines on stdout). `PARKTWIN_LOG_LEVEL` sets the level (default `info`; `silent` for none). The
 * domain is handed it as its `Log` (server/domain/log.ts); nothing in the server writes to stderr
 * on its own. Read it as text with `npm start 2>&1 | npx pino-pretty`.
 */
import pino from 'pino';
import type { Log } from './domain/log.ts';

export type Logger = pino.Logger & Log;

/** A logger writing to stderr at the given level (from `PARKTWIN_LOG_LEVEL`, else `info`). */
export function createLogger(level = process.env.PARKTWIN_LOG_LEVEL || 'info'): Logger {
  return pino({ name: 'parktwin', level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
}

/** Writes nothing (tests that build the app in-process). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
