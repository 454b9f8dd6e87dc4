/**
 * The field sources file (`PARKTWIN_SOURCES`): which OPC UA servers and Modbus TCP devices feed which
 * sensors of the layout, and how their values become a sensor's reading (scale and offset into the
 * sensor's unit). Validated whole at start: a bad file stops the server with every problem named
 * (source, item, field); a sensor the layout does not have is such a problem.
 *
 * {
 *   "opcua": [{ "name": "Chlor-alkali DCS", "endpoint": "opc.tcp://10.1.2.3:4840",
 *               "security": { "mode": "SignAndEncrypt", "policy": "Basic256Sha256" },
 *               "user": { "name": "parktwin", "password_env": "DCS_PASSWORD" },
 *               "sampling_ms": 1000, "publishing_ms": 1000,
 *               "items": [{ "node": "ns=2;s=GD_101.PV", "sensor": "T-CHL-01-GD1", "scale": 1, "offset": 0 },
 *                         { "path": "/2:DCS/2:T_CHL_02/2:GD1/2:PV", "sensor": "T-CHL-02-GD1" }] }],
 *   (a path step may be * — a pattern: every variable it matches is an item, `sensor` a template)
 *   "modbus": [{ "name": "LPG PLC", "host": "10.1.2.9", "port": 502, "unit_id": 1, "period_ms": 1000, "timeout_ms": 1000,
 *               "registers": [{ "sensor": "T-LPG-01-LT", "table": "holding", "address": 0, "type": "float32",
 *                               "word_order": "big", "scale": 1, "offset": 0 }] }]
 * }
 */
import { z } from 'zod';
import type { ParkModel } from '../../src/model/model.ts';

const name = z.string().trim().min(1).max(80);
const ms = (min: number, max: number) => z.number().int({ error: 'must be whole milliseconds' }).min(min).max(max);
const conversion = {
  /** value = raw × scale + offset, in the sensor's unit. */
  scale: z.number().finite().default(1),
  offset: z.number().finite().default(0),
};

/** A browse path from the Objects folder: `/2:DCS/2:CL_TANK_01/2:GD1/2:PV` (namespace index and browse name per step; `*` matches any one step). */
export const BROWSE_PATH = /^(\/((\d+:)?[^/*]+|\*))+$/;

export const OpcUaItem = z
  .strictObject({
    /** The NodeId of the variable (`ns=2;s=GD_101.PV`, `ns=3;i=1001`). */
    node: z.string().trim().min(1).max(400).optional(),
    /**
     * Or its browse path from the Objects folder; with `*` steps it is a pattern, every variable it
     * matches an item, and `sensor` a template: `{1}` is the browse name the first `*` matched …
     */
    path: z.string().trim().max(1000).regex(BROWSE_PATH, { error: 'must be a browse path: /2:Name/2:Name/… (a step may be *)' }).optional(),
    sensor: z.string().min(1).max(128),
    ...conversion,
  })
  .refine((i) => (i.node === undefined) !== (i.path === undefined), { error: 'give the node (a NodeId) or its path (a browse path), one of them' })
  .refine((i) => !i.path?.includes('*') || /\{\d\}/.test(i.sensor), {
    error: 'a path with * matches several nodes: the sensor must name them with {1}, {2} … (the browse names the * steps matched)',
    path: ['sensor'],
  });

/** Whether an item is a pattern (its sensors known only once the server is browsed). */
export const isPattern = (i: { path?: string }) => !!i.path?.includes('*');

export const OpcUaSource = z.strictObject({
  name,
  endpoint: z.string().regex(/^opc\.tcp:\/\/[^\s/]+(:\d{1,5})?(\/\S*)?$/, { error: 'must be an opc.tcp:// endpoint URL' }),
  security: z
    .strictObject({
      mode: z.enum(['None', 'Sign', 'SignAndEncrypt']).default('None'),
      policy: z.enum(['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss']).default('None'),
    })
    .default({ mode: 'None', policy: 'None' })
    .refine((s) => (s.mode === 'None') === (s.policy === 'None'), { error: 'mode None goes with policy None, and Sign or SignAndEncrypt with a policy' }),
  /** User name and password (the password from an environment variable, never in the file), else anonymous. */
  user: z
    .strictObject({ name: z.string().min(1).max(128), password_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'must name an environment variable' }) })
    .optional(),
  sampling_ms: ms(10, 3_600_000).default(1000),
  publishing_ms: ms(50, 3_600_000).default(1000),
  items: z.array(OpcUaItem).min(1, { error: 'a source maps at least one node' }).max(100_000),
});

export const ModbusRegister = z.strictObject({
  sensor: z.string().min(1).max(128),
  table: z.enum(['holding', 'input', 'coil', 'discrete']),
  address: z.number().int().min(0).max(65_535),
  type: z.enum(['int16', 'uint16', 'int32', 'uint32', 'float32', 'bool']).default('uint16'),
  /** Of 32-bit values: `big` has the high word first (ABCD), `little` the low word first (CDAB). */
  word_order: z.enum(['big', 'little']).default('big'),
  ...conversion,
});

export const ModbusSource = z.strictObject({
  name,
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65_535).default(502),
  unit_id: z.number().int().min(0).max(255).default(1),
  period_ms: ms(100, 3_600_000).default(1000),
  timeout_ms: ms(50, 60_000).default(1000),
  registers: z.array(ModbusRegister).min(1, { error: 'a device reads at least one register' }).max(10_000),
});

export const SourcesFile = z.strictObject({
  opcua: z.array(OpcUaSource).default([]),
  modbus: z.array(ModbusSource).default([]),
});
export type SourcesFile = z.infer<typeof SourcesFile>;
/** A sources document as written (defaults not yet filled in). */
export type SourcesInput = z.input<typeof SourcesFile>;
export type OpcUaSourceConfig = z.infer<typeof OpcUaSource>;
export type ModbusSourceConfig = z.infer<typeof ModbusSource>;

export class SourcesFileError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}` : message);
  }
}

/** Checks a sources document: the schema, then every sensor against the layout and each sensor fed once. */
export function checkSources(json: unknown, model: ParkModel, where = 'sources'): SourcesFile {
  const r = SourcesFile.safeParse(json);
  if (!r.success)
    throw new SourcesFileError(
      `${where}: invalid`,
      r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  const problems: string[] = [];
  const fedBy = new Map<string, string>();
  const check = (sensor: string, path: string) => {
    if (model.byId.get(sensor)?.kind !== 'sensor') problems.push(`${path}.sensor: "${sensor}" is not a sensor of the layout`);
    const other = fedBy.get(sensor);
    if (other) problems.push(`${path}.sensor: "${sensor}" is fed by ${other} already`);
    else fedBy.set(sensor, path);
  };
  // a pattern's sensors are known once the server is browsed: checked then (server/sources/opcua.ts)
  r.data.opcua.forEach((s, i) => s.items.forEach((it, k) => isPattern(it) || check(it.sensor, `opcua.${i}.items.${k}`)));
  r.data.modbus.forEach((s, i) => s.registers.forEach((it, k) => check(it.sensor, `modbus.${i}.registers.${k}`)));
  if (problems.length) throw new SourcesFileError(`${where}: invalid`, problems);
  return r.data;
}
