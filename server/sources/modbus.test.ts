/**
 * The Modbus TCP source against a real modbus-serial server on a free port: 16- and 32-bit values in
 * both word orders, coils, scale and offset; an exception answer marks the sensors of that run faulty
 * with the reason while the rest keep working; the device going away and coming back. And the pure
 * parts by hand: runs of neighbouring registers, decoding.
 */
import ModbusRTU, { type ServerTCP } from 'modbus-serial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type ParkModel } from '../../src/model/model.ts';
import { DEMO_LAYOUT } from '../config.ts';
import { LiveState } from '../domain/live.ts';
import { readJsonFile } from '../jsonFile.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { freePort } from '../__test__/services.ts';
import { until } from '../__test__/wait.ts';
import { checkSources, ModbusRegister } from './config.ts';
import { decode, runsOf, startModbusSource } from './modbus.ts';
import type { FieldSource } from './status.ts';

let model: ParkModel;
const closers: (() => Promise<unknown>)[] = [];
beforeAll(() => {
  const r = loadModel(readJsonFile(DEMO_LAYOUT));
  if (!r.ok) throw new Error('demo layout');
  model = r.model;
});
afterAll(async () => {
  for (const c of closers.reverse()) await c().catch(() => {});
});
const reg = (x: object) => ModbusRegister.parse(x);

describe('Modbus registers by hand', () => {
  it('reads neighbouring addresses in one run per table, a 32-bit value two registers wide', () => {
    const runs = runsOf([
      reg({ sensor: 'a', table: 'holding', address: 0 }),
      reg({ sensor: 'b', table: 'holding', address: 2, type: 'float32' }),
      reg({ sensor: 'c', table: 'holding', address: 1 }),
      reg({ sensor: 'd', table: 'holding', address: 10 }),
      reg({ sensor: 'e', table: 'coil', address: 3 }),
    ]);
    expect(runs.map((r) => [r.table, r.start, r.length, r.items.map((i) => i.sensor).join('')])).toEqual([
      ['holding', 0, 4, 'acb'],
      ['holding', 10, 1, 'd'],
      ['coil', 3, 1, 'e'],
    ]);
  });
  it('decodes int16, uint16, and 32-bit values in both word orders', () => {
    // 12.5 as IEEE 754 single: 0x41480000; 70 000 = 0x00011170; −2 as int32 = 0xFFFFFFFE
    expect(decode(reg({ sensor: 's', table: 'holding', address: 0, type: 'int16' }), [0xfffb], 0)).toBe(-5);
    expect(decode(reg({ sensor: 's', table: 'holding', address: 0, type: 'uint16' }), [0xfffb], 0)).toBe(65_531);
    expect(decode(reg({ sensor: 's', table: 'holding', address: 0, type: 'float32' }), [0x4148, 0x0000], 0)).toBe(12.5);
    expect(decode(reg({ sensor: 's', table: 'holding', address: 0, type: 'float32', word_order: 'little' }), [0x0000, 0x4148], 0)).toBe(12.5);
    expect(decode(reg({ sensor: 's', table: 'input', address: 0, type: 'uint32' }), [0x0001, 0x1170], 0)).toBe(70_000);
    expect(decode(reg({ sensor: 's', table: 'input', address: 0, type: 'int32' }), [0xffff, 0xfffe], 0)).toBe(-2);
  });
});

describe('Modbus TCP source', () => {
  it('polls a real device: values scaled into sensors; an exception marks its sensors faulty; the device going and coming back', async () => {
    const port = await freePort();
    const holding = new Array<number>(400).fill(0);
    holding[0] = 523; // × 0.1 → 52.3
    holding[1] = 0xfffb; // int16 −5
    holding[2] = 0x4148; // float32 12.5, high word first
    holding[3] = 0x0000;
    holding[10] = 0x0000; // float32 12.5, low word first
    holding[11] = 0x4148;
    const input = [0x0001, 0x1170]; // uint32 70 000 × 0.001 → 70
    const coils = [false, false, false, true];
    const refuse = (addr: number) => {
      if (addr >= 400) throw { modbusErrorCode: 0x02, msg: 'Illegal data address' };
    };
    const vector = {
      getHoldingRegister: (a: number) => (refuse(a), holding[a]),
      getMultipleHoldingRegisters: (a: number, n: number) => (refuse(a), holding.slice(a, a + n)),
      getInputRegister: (a: number) => input[a] ?? 0,
      getCoil: (a: number) => coils[a] ?? false,
    };
    const serve = () =>
      new Promise<ServerTCP>((resolve) => {
        const s = new (ModbusRTU as unknown as { ServerTCP: typeof ServerTCP }).ServerTCP(vector, { host: '127.0.0.1', port, unitID: 1 });
        s.on('initialized', () => resolve(s));
      });
    let device = await serve();
    closers.push(() => new Promise((r) => device.close(r)));
    const cfg = checkSources(
      {
        modbus: [
          {
            name: 'LPG PLC',
            host: '127.0.0.1',
            port,
            unit_id: 1,
            period_ms: 100,
            timeout_ms: 300,
            registers: [
              { sensor: 'T-LPG-01-GD1', table: 'holding', address: 0, scale: 0.1 },
              { sensor: 'T-LPG-02-GD1', table: 'holding', address: 1, type: 'int16', offset: 10 },
              { sensor: 'T-LPG-03-GD1', table: 'holding', address: 2, type: 'float32' },
              { sensor: 'T-LPG-04-GD1', table: 'holding', address: 10, type: 'float32', word_order: 'little' },
              { sensor: 'T-LPG-05-GD1', table: 'input', address: 0, type: 'uint32', scale: 0.001 },
              { sensor: 'T-LPG-06-GD1', table: 'coil', address: 3, type: 'bool' },
              { sensor: 'T-LPG-07-GD1', table: 'holding', address: 500 },
            ],
          },
        ],
      },
      model,
    ).modbus[0];
    const live = new LiveState(model, new SqliteStore(':memory:'), Date.now());
    const src: FieldSource = startModbusSource(cfg, live);
    closers.push(() => src.stop());
    const value = (id: string) => live.latestReadings().find((r) => r.sensor === id)?.value;
    await until('the first poll', () => value('T-LPG-06-GD1') === 1);
    expect(value('T-LPG-01-GD1')).toBeCloseTo(52.3, 5);
    expect(value('T-LPG-02-GD1')).toBe(5);
    expect(value('T-LPG-03-GD1')).toBe(12.5);
    expect(value('T-LPG-04-GD1')).toBe(12.5);
    expect(value('T-LPG-05-GD1')).toBeCloseTo(70, 9);
    // the register the device refuses: its sensor faulty with the reason, the others unaffected
    expect(value('T-LPG-07-GD1')).toBeUndefined();
    expect(live.quality.get('T-LPG-07-GD1')).toMatchObject({ quality: 'bad', source: 'LPG PLC', status: expect.stringMatching(/exception 2/) });
    expect(src.status).toMatchObject({ state: 'connected', missing: [{ item: 'holding 500', reason: expect.stringMatching(/exception 2/) }] });

    holding[0] = 600;
    await until('the next value', () => value('T-LPG-01-GD1') === 60);

    // the device goes away: the source says so and keeps trying; back, the values flow again
    await new Promise((r) => device.close(r));
    for (const sock of device.socks.keys()) sock.destroy();
    await until('lost', () => src.status.state === 'reconnecting' && /connect/.test(src.status.error ?? ''));
    device = await serve();
    holding[0] = 700;
    await until('back', () => value('T-LPG-01-GD1') === 70 && src.status.state === 'connected');
  }, 30_000);
});
