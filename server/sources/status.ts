/** A running field source, as the server holds it. */
import type { SourceStatus } from '../../src/protocol/api.ts';

export type { SourceStatus };

export interface FieldSource {
  readonly status: SourceStatus;
  stop(): Promise<void>;
}
