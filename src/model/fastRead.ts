/**
 * A fast reader for the inputs that pass a zod schema — the layout's geometry and properties — so a
 * layout of ten thousand features is not read through zod's general machinery value by value.
 *
 * `compileReader(schema)` walks the schema's definition once and returns a plain function that either
 * gives exactly what `schema.parse` would give, or `DECLINE`: the input may be invalid, or uses
 * something the reader does not handle, and zod itself must decide (and word the errors). The reader
 * accepts only inputs zod accepts, so no check is dropped: numbers (finiteness, inclusive and
 * exclusive bounds, whole numbers), booleans, enums and literals are tested here as zod tests them;
 * strings are trimmed by zod's own transform, tested against their patterns and measured as zod
 * does, other string checks (formats, refinements) run by zod's own check functions; objects strip
 * unknown keys, omit absent optional keys and fill defaults in the schema's key order; arrays and
 * tuples are copied — or, with `inPlace`, given back as they are wherever the copy would be equal.
 * Anything else in a schema (unions, pipes, transforms, refinements on containers, catch-alls) makes
 * `compileReader` return null, and that schema is always read by zod.
 *
 * src/model/fastRead.test.ts holds the reader to zod on every feature of the demo park, on every
 * invalid fixture and on thousands of mutated features: the same output, or DECLINE where zod fails
 * (and, in place, the input left as it was).
 */
import { z } from 'zod';

/** What a reader returns when zod must decide. */
export const DECLINE: unique symbol = Symbol('decline');
/** A reader; `ignore` names one key of an object the reader passes over (the `kind` of a feature's properties). */
export type Reader = (value: unknown, ignore?: string) => unknown;

export interface ReaderOptions {
  /**
   * Give back the input itself, not a copy, wherever reading it would give an equal copy: the caller
   * owns the input and hands it over (a JSON text parsed for the purpose). Anything the reader would
   * change — a key the schema does not have, a default to fill, a trimmed string — is copied as
   * without it. The input is never modified.
   */
  inPlace?: boolean;
}

/** zod's internal view of a schema (zod/v4/core: stable for library authors, re-checked by the tests). */
interface Internals {
  _zod: {
    def: Record<string, unknown> & { type: string; checks?: Internals[]; check?: string; when?: unknown };
    values?: Set<unknown>;
    optin?: string;
  };
}

/** How a member of an object is read: its reader and what an absent key means. */
interface Member {
  key: string;
  read: Reader;
  absent: 'required' | 'omit' | 'default';
  defaultOf?: () => unknown;
}

/** A plain reader for `schema`, or null when the schema uses something only zod reads. */
export function compileReader(schema: z.ZodType, options: ReaderOptions = {}): Reader | null {
  try {
    return compile(schema as unknown as Internals, options.inPlace === true);
  } catch {
    return null;
  }
}

function compile(s: Internals, inPlace: boolean): Reader | null {
  const def = s._zod.def;
  switch (def.type) {
    case 'number':
      return numberReader(s);
    case 'boolean':
      return def.coerce || def.checks?.length ? null : (v) => (typeof v === 'boolean' ? v : DECLINE);
    case 'enum':
    case 'literal': {
      const values = s._zod.values;
      if (!values || def.checks?.length) return null;
      return (v) => (values.has(v) ? v : DECLINE);
    }
    case 'string':
      return stringReader(s);
    case 'optional': {
      const inner = def.innerType as Internals;
      if (inner._zod.optin === 'defaulted' || def.checks?.length) return null;
      const read = compile(inner, inPlace);
      return read && ((v) => (v === undefined ? undefined : read(v)));
    }
    case 'default': {
      const read = compile(def.innerType as Internals, inPlace);
      if (!read || def.checks?.length) return null;
      return (v) => (v === undefined ? def.defaultValue : read(v));
    }
    case 'array':
      return arrayReader(s, inPlace);
    case 'tuple':
      return tupleReader(s, inPlace);
    case 'object':
      return objectReader(s, inPlace);
    default:
      return null;
  }
}

/**
 * Strings: the type test, then each of the schema's checks in order. The common checks are done here
 * as zod does them — an overwrite (trim) by its own function, a pattern by its regex — and lengths
 * wherever UTF-16 units settle them (a code point is one or two units); anything else, and a length in
 * doubt, goes to zod's own check function, called directly on one payload; the first issue declines.
 * A format schema (z.iso.datetime …) is itself its first check, as zod runs it.
 */
function stringReader(s: Internals): Reader | null {
  const def = s._zod.def;
  if (def.coerce) return null;
  const checks = [...((s._zod as { traits?: Set<string> }).traits?.has('$ZodCheck') ? [s] : []), ...(def.checks ?? [])];
  const payload: { value: unknown; issues: unknown[] } = { value: undefined, issues: [] };
  const ops = checks.map(stringOp);
  const n = ops.length;
  return (v) => {
    if (typeof v !== 'string') return DECLINE;
    let x = v;
    for (let i = 0; i < n; i++) {
      const op = ops[i];
      switch (op.op) {
        case OVERWRITE:
          x = op.tx(x) as string;
          if (typeof x !== 'string') return DECLINE;
          break;
        case PATTERN:
          op.pattern.lastIndex = 0;
          if (!op.pattern.test(x)) return DECLINE;
          break;
        case MIN_LENGTH:
          if (x.length < op.units) return DECLINE; // fewer units than the floor: fewer code points
          if (x.length < 2 * op.units && zodCheck(op.zod, payload, x) === DECLINE) return DECLINE;
          break;
        case MAX_LENGTH:
          if (x.length > op.units && zodCheck(op.zod, payload, x) === DECLINE) return DECLINE;
          break;
        default: {
          const y = zodCheck(op.zod, payload, x);
          if (typeof y !== 'string') return DECLINE;
          x = y;
        }
      }
    }
    return x;
  };
}

const OVERWRITE = 0;
const PATTERN = 1;
const MIN_LENGTH = 2;
const MAX_LENGTH = 3;
const ZOD = 4;
type ZodCheckFn = { check: (p: { value: unknown; issues: unknown[] }) => unknown; when?: (p: { value: unknown; issues: unknown[] }) => boolean };
/** One check of a string schema, all of one shape (the reader's loop reads them at one site). */
interface StringOp {
  op: typeof OVERWRITE | typeof PATTERN | typeof MIN_LENGTH | typeof MAX_LENGTH | typeof ZOD;
  /** OVERWRITE: zod's transform (trim …). */
  tx: (x: unknown) => unknown;
  /** PATTERN: the regex. */
  pattern: RegExp;
  /** MIN_LENGTH, MAX_LENGTH: the bound, in code points. */
  units: number;
  /** zod's own check, for whatever the reader does not settle. */
  zod: ZodCheckFn;
}

/** zod's default condition on a length check (the value has a length): always true of a string. */
let hasLength: unknown;
const NO_PATTERN = /(?:)/;
const identity = (x: unknown) => x;
function stringOp(ch: Internals): StringOp {
  const c = ch._zod.def;
  const zod: ZodCheckFn = { check: (ch._zod as unknown as ZodCheckFn).check, when: c.when as ZodCheckFn['when'] };
  const op: StringOp = { op: ZOD, tx: identity, pattern: NO_PATTERN, units: 0, zod };
  hasLength ??= ((z.string().min(1) as unknown as Internals)._zod.def.checks as Internals[])[0]._zod.def.when;
  if (c.check === 'overwrite' && typeof c.tx === 'function' && !c.when) {
    op.op = OVERWRITE;
    op.tx = c.tx as (x: unknown) => unknown;
  } else if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp && !c.when) {
    op.op = PATTERN;
    op.pattern = c.pattern;
  } else if ((c.check === 'min_length' || c.check === 'max_length') && c.when === hasLength) {
    const units = c.check === 'min_length' ? c.minimum : c.maximum;
    if (typeof units === 'number') {
      op.op = c.check === 'min_length' ? MIN_LENGTH : MAX_LENGTH;
      op.units = units;
    }
  }
  return op;
}

/**
 * Runs one of zod's check functions on `x` (when its condition holds): the value it leaves (a check
 * may overwrite it), or DECLINE when it raised an issue. The payload is left empty for the next call.
 */
function zodCheck(ch: ZodCheckFn, payload: { value: unknown; issues: unknown[] }, x: string): unknown {
  payload.value = x;
  if (ch.when && !ch.when(payload)) {
    payload.value = undefined;
    return x;
  }
  if (ch.check(payload) instanceof Promise) throw new Error('an asynchronous check in a layout schema');
  const out = payload.issues.length === 0 ? payload.value : DECLINE;
  payload.issues = [];
  payload.value = undefined;
  return out;
}

/** Numbers: finite, then each bound and whole-number check as zod's number checks test them. */
function numberReader(s: Internals): Reader | null {
  const def = s._zod.def;
  if (def.coerce) return null;
  // the bounds folded into one interval (the tightest of each side) and a whole-number flag
  let min = Number.NEGATIVE_INFINITY;
  let minOpen = false;
  let max = Number.POSITIVE_INFINITY;
  let maxOpen = false;
  let safeInt = false;
  for (const ch of def.checks ?? []) {
    const c = ch._zod.def;
    if (c.when) return null;
    if (c.check === 'greater_than' && typeof c.value === 'number') {
      if (c.value > min || (c.value === min && !c.inclusive)) [min, minOpen] = [c.value, !c.inclusive];
    } else if (c.check === 'less_than' && typeof c.value === 'number') {
      if (c.value < max || (c.value === max && !c.inclusive)) [max, maxOpen] = [c.value, !c.inclusive];
    } else if (c.check === 'number_format' && c.format === 'safeint') safeInt = true;
    else return null;
  }
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return DECLINE;
    if (v < min || (minOpen && v === min) || v > max || (maxOpen && v === max)) return DECLINE;
    if (safeInt && !Number.isSafeInteger(v)) return DECLINE;
    return v;
  };
}

function arrayReader(s: Internals, inPlace: boolean): Reader | null {
  const def = s._zod.def;
  const element = compile(def.element as Internals, inPlace);
  if (!element) return null;
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const ch of def.checks ?? []) {
    const c = ch._zod.def;
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    else if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    else return null;
  }
  return (v) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return DECLINE;
    // in place: no array made unless an item reads as something other than itself
    let out: unknown[] | undefined = inPlace ? undefined : new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const y = element(x);
      if (y === DECLINE) return DECLINE;
      if (out) out[i] = y;
      else if (y !== x) out = copyUpTo(v, i, y);
    }
    return out ?? v;
  };
}

function tupleReader(s: Internals, inPlace: boolean): Reader | null {
  const def = s._zod.def;
  const items = def.items as Internals[];
  if (def.checks?.length || items.some((i) => i._zod.optin !== undefined)) return null;
  const reads = items.map((i) => compile(i, inPlace));
  if (reads.some((r) => !r)) return null;
  const fixed = reads as Reader[];
  const rest = def.rest ? compile(def.rest as Internals, inPlace) : undefined;
  if (rest === null) return null;
  const n = fixed.length;
  return (v) => {
    if (!Array.isArray(v) || v.length < n || (!rest && v.length > n)) return DECLINE;
    let out: unknown[] | undefined = inPlace ? undefined : new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const y = i < n ? fixed[i](x) : rest!(x);
      if (y === DECLINE) return DECLINE;
      if (out) out[i] = y;
      else if (y !== x) out = copyUpTo(v, i, y);
    }
    return out ?? v;
  };
}

/** A new array of v's first i items, then y: where reading in place meets an item that read as something else. */
function copyUpTo(v: unknown[], i: number, y: unknown): unknown[] {
  const out = new Array(v.length);
  for (let j = 0; j < i; j++) out[j] = v[j];
  out[i] = y;
  return out;
}

function objectReader(s: Internals, inPlace: boolean): Reader | null {
  const def = s._zod.def;
  if (def.catchall !== undefined || def.checks?.length) return null;
  const members: Member[] = [];
  for (const [key, child] of Object.entries(def.shape as Record<string, Internals>)) {
    const cdef = child._zod.def;
    let absent: Member['absent'] = 'required';
    let target = child;
    if (cdef.type === 'optional') {
      // a present key is read by the inner schema (the optional wrapper only lets it be absent)
      if ((cdef.innerType as Internals)._zod.optin === 'defaulted' || cdef.checks?.length) return null;
      absent = 'omit';
      target = cdef.innerType as Internals;
    } else if (cdef.type === 'default') {
      if (cdef.checks?.length) return null;
      absent = 'default';
      target = cdef.innerType as Internals;
    }
    const read = compile(target, inPlace);
    if (!read) return null;
    members.push({ key, read, absent, defaultOf: absent === 'default' ? () => cdef.defaultValue : undefined });
  }
  const n = members.length;
  // what each member read as, until the copy is made or the object kept (a reader is never
  // re-entered: every place a schema is used compiles a reader of its own)
  const values: unknown[] = new Array(n);
  // a key that plain objects inherit (constructor, toString …) would be found on any input: copy then
  const canKeep = inPlace && members.every((m) => !(m.key in Object.prototype));
  return (v, ignore) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return DECLINE;
    const input = v as Record<string, unknown>;
    let same = canKeep;
    let present = 0;
    for (let i = 0; i < n; i++) {
      const m = members[i];
      const x = input[m.key];
      if (x === undefined) {
        // a key present with the value undefined (only from JavaScript, never from JSON): zod decides
        if (m.absent === 'required' || Object.hasOwn(input, m.key)) {
          values.fill(undefined);
          return DECLINE;
        }
        if (m.absent === 'default') same = false;
        continue;
      }
      present++;
      const y = m.read(x);
      if (y === DECLINE) {
        values.fill(undefined);
        return DECLINE;
      }
      values[i] = y;
      if (y !== x) same = false;
    }
    // in place, the input itself when every member read as itself and it has no other key (but `ignore`)
    const out = same && keyCount(input, ignore) === present ? input : copyRead(members, values, input);
    values.fill(undefined); // hold nothing of the input once read
    return out;
  };
}

/** The enumerable keys of an object but `ignore` (inherited ones too: any of those means a copy). */
export function keyCount(o: Record<string, unknown>, ignore: string | undefined): number {
  let count = 0;
  for (const k in o) if (k !== ignore) count++;
  return count;
}

/** The copy an object reader gives, from what its members read as: schema order, absent keys omitted or defaulted. */
function copyRead(members: Member[], values: unknown[], input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    if (input[m.key] !== undefined) out[m.key] = values[i];
    else if (m.absent === 'default') out[m.key] = m.defaultOf!();
  }
  return out;
}
