/**
 * What the domain needs of a logger: the server hands it one (pino, see server/log.ts), tests a
 * silent one. The domain never writes to stderr itself.
 */
export interface Log {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Writes nothing (tests, benchmarks). */
export const silentLog: Log = { info() {}, warn() {}, error() {} };
