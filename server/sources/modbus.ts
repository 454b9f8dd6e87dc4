/**
 * A Modbus TCP source: polls one device (modbus-serial) every period and hands the mapped registers'
 * values to the live park as readings. Registers are read in contiguous runs per table (one request
 * for neighbouring addresses, at most 120 registers or 2 000 bits each). 16-bit values are int16 or
 * uint16, 32-bit ones take two registers in the configured word order (`big`: high word first); coils
 * and discrete inputs read as 0 or 1. value = raw × scale + offset.
 *
 * A timeout or an exception answer (illegal address …) refuses the values of that run: its sensors
 * are marked faulty with the reason; a lost connection is opened again on the next poll, and the
 * sensors meanwhile fall silent (comm-lost by the rule for any silent sensor).
 */
import ModbusRTU from 'modbus-serial';
import type { ReadingPayload } from '../../src/protocol/ingest.ts';
import type { LiveState } from '../domain/live.ts';
import type { ModbusSourceConfig } from './config.ts';
import type { FieldSource, SourceStatus } from './status.ts';

type Register = ModbusSourceConfig['registers'][number];
const WIDTH: Record<Register['type'], number> = { int16: 1, uint16: 1, int32: 2, uint32: 2, float32: 2, bool: 1 };
const MAX_RUN = { registers: 120, bits: 2000 };

/** The runs of one table: neighbouring addresses read in one request. */
export function runsOf(registers: readonly Register[]): { table: Register['table']; start: number; length: number; items: Register[] }[] {
  const out: { table: Register['table']; start: number; length: number; items: Register[] }[] = [];
  for (const table of ['holding', 'input', 'coil', 'discrete'] as const) {
    const bits = table === 'coil' || table === 'discrete';
    const max = bits ? MAX_RUN.bits : MAX_RUN.registers;
    const rs = registers.filter((r) => r.table === table).sort((a, b) => a.address - b.address);
    for (const r of rs) {
      const width = bits ? 1 : WIDTH[r.type];
      const cur = out[out.length - 1];
      if (cur && cur.table === table && r.address <= cur.start + cur.length && r.address + width - cur.start <= max) {
        cur.length = Math.max(cur.length, r.address + width - cur.start);
        cur.items.push(r);
      } else out.push({ table, start: r.address, length: width, items: [r] });
    }
  }
  return out;
}

/** A register's raw value from a run's words (or bits). */
export function decode(r: Register, words: readonly number[], offset: number): number {
  const w = (i: number) => words[offset + i] & 0xffff;
  switch (r.type) {
    case 'bool':
      return words[offset] ? 1 : 0;
    case 'uint16':
      return w(0);
    case 'int16':
      return (w(0) << 16) >> 16;
    default: {
      const [hi, lo] = r.word_order === 'big' ? [w(0), w(1)] : [w(1), w(0)];
      const b = Buffer.alloc(4);
      b.writeUInt16BE(hi, 0);
      b.writeUInt16BE(lo, 2);
      return r.type === 'float32' ? b.readFloatBE(0) : r.type === 'int32' ? b.readInt32BE(0) : b.readUInt32BE(0);
    }
  }
}

export function startModbusSource(cfg: ModbusSourceConfig, live: LiveState): FieldSource {
  const log = live.options.log;
  const status: SourceStatus = {
    name: cfg.name,
    kind: 'modbus',
    target: `${cfg.host}:${cfg.port}`,
    state: 'connecting',
    error: null,
    items: cfg.registers.length,
    missing: [],
    values: 0,
    refused: 0,
    last_value_ms: null,
  };
  const runs = runsOf(cfg.registers);
  let client: ModbusRTU | null = null;
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();

  const connect = async () => {
    const c = new ModbusRTU();
    await c.connectTCP(cfg.host, { port: cfg.port });
    c.setID(cfg.unit_id);
    c.setTimeout(cfg.timeout_ms);
    client = c;
    if (status.state !== 'connected') log.info({ source: cfg.name, target: status.target }, 'Modbus device connected');
    status.state = 'connected';
    status.error = null;
  };
  const read = (c: ModbusRTU, run: (typeof runs)[number]): Promise<number[]> => {
    switch (run.table) {
      case 'holding':
        return c.readHoldingRegisters(run.start, run.length).then((r) => r.data);
      case 'input':
        return c.readInputRegisters(run.start, run.length).then((r) => r.data);
      case 'coil':
        return c.readCoils(run.start, run.length).then((r) => r.data.slice(0, run.length).map(Number));
      case 'discrete':
        return c.readDiscreteInputs(run.start, run.length).then((r) => r.data.slice(0, run.length).map(Number));
    }
  };
  const poll = async () => {
    if (!client?.isOpen) {
      try {
        await connect();
      } catch (e) {
        if (status.state === 'connected') log.warn({ source: cfg.name, err: (e as Error).message }, 'Modbus device lost');
        status.state = status.state === 'connected' ? 'reconnecting' : status.state;
        status.error = `cannot connect: ${(e as Error).message}`;
        client = null;
        return;
      }
    }
    const now = Date.now();
    const readings: ReadingPayload[] = [];
    const missing: SourceStatus['missing'] = [];
    for (const run of runs) {
      let words: number[];
      try {
        words = await read(client!, run);
      } catch (e) {
        const err = e as Error & { modbusCode?: number; errno?: string };
        const reason = err.modbusCode !== undefined ? `exception ${err.modbusCode}: ${err.message}` : err.message;
        status.refused += run.items.length;
        for (const r of run.items) {
          missing.push({ item: `${run.table} ${r.address}`, reason });
          void live.markQuality(r.sensor, { quality: 'bad', status: reason, source: cfg.name }, now);
        }
        // a timeout or a closed socket: open it again next time
        if (err.modbusCode === undefined) client?.close(() => {});
        continue;
      }
      for (const r of run.items) {
        const bits = run.table === 'coil' || run.table === 'discrete';
        const raw = bits ? words[r.address - run.start] : decode(r, words, r.address - run.start);
        if (!Number.isFinite(raw)) {
          status.refused++;
          void live.markQuality(r.sensor, { quality: 'bad', status: 'not a number (NaN or infinite float)', source: cfg.name }, now);
          continue;
        }
        if (live.quality.has(r.sensor)) void live.markQuality(r.sensor, null, now);
        readings.push({ sensor: r.sensor, value: raw * r.scale + r.offset, t: now });
      }
    }
    status.missing = missing;
    if (readings.length) {
      status.values += readings.length;
      status.last_value_ms = now;
      await live.ingestReadings(readings).catch((e: Error) => {
        status.error = `readings refused: ${e.message}`;
      });
    }
  };
  const timer = setInterval(() => {
    // one poll at a time: a slow device is not asked again before it has answered
    polling = polling.then(() => (stopped ? undefined : poll())).catch((e: Error) => log.error({ source: cfg.name, err: e.message }, 'Modbus poll failed'));
  }, cfg.period_ms);
  polling = poll().catch(() => {});
  return {
    status,
    async stop() {
      stopped = true;
      status.state = 'stopped';
      clearInterval(timer);
      await polling;
      await new Promise<void>((r) => (client?.isOpen ? client.close(() => r()) : r()));
    },
  };
}
