/**
 * The field sources of `PARKTWIN_SOURCES` (server/sources/config.ts), started and stopped together.
 * With several server processes (Redis), only the leader runs them — as it runs the simulator — so
 * each value is taken once; leadership moving moves them.
 */
import type { LiveState } from '../domain/live.ts';
import type { SourcesFile } from './config.ts';
import type { FieldSource, SourceStatus } from './status.ts';

export class FieldSources {
  private running: FieldSource[] = [];
  private change: Promise<void> = Promise.resolve();
  private on = false;

  constructor(
    private readonly config: SourcesFile,
    private readonly live: LiveState,
    private readonly options: { pkiDir?: string; env?: NodeJS.ProcessEnv } = {},
  ) {}

  /** Each configured source's status (`stopped` while this process does not run them). */
  statuses(): SourceStatus[] {
    if (this.running.length) return this.running.map((s) => ({ ...s.status, missing: [...s.status.missing] }));
    const idle = (name: string, kind: SourceStatus['kind'], target: string, items: number): SourceStatus => ({
      name,
      kind,
      target,
      state: 'stopped',
      error: null,
      items,
      missing: [],
      values: 0,
      refused: 0,
      last_value_ms: null,
    });
    return [
      ...this.config.opcua.map((s) => idle(s.name, 'opcua', s.endpoint, s.items.length)),
      ...this.config.modbus.map((s) => idle(s.name, 'modbus', `${s.host}:${s.port}`, s.registers.length)),
    ];
  }

  /** Runs the sources (or not): idempotent, one change at a time. */
  run(on: boolean): Promise<void> {
    if (on === this.on) return this.change;
    this.on = on;
    this.change = this.change.then(async () => {
      if (on) {
        // the protocol libraries load only when a source of theirs is configured (node-opcua is large)
        if (this.config.opcua.length) {
          const { startOpcUaSource } = await import('./opcua.ts');
          for (const s of this.config.opcua) this.running.push(await startOpcUaSource(s, this.live, { pkiDir: this.options.pkiDir, env: this.options.env }));
        }
        if (this.config.modbus.length) {
          const { startModbusSource } = await import('./modbus.ts');
          for (const s of this.config.modbus) this.running.push(startModbusSource(s, this.live));
        }
      } else {
        const stopping = this.running;
        this.running = [];
        await Promise.all(stopping.map((s) => s.stop()));
      }
    });
    return this.change;
  }
}
