/**
 * A fast reader for the inputs that pass a zod schema — the layout's geometry and properties — so a
 * layout of ten thousand features is not read through zod's general machinery value by value.
 *
 * `compileReader(schema)` walks the schema's definition once and returns a plain function that either
 * gives exactly what `schema.parse` would give, or `DECLINE`: the input may be invalid, or uses
 * something the reader does not handle, and zod itself must decide (and word the errors). The reader
 * accepts only inputs zod accepts, so no check is dropped: numbers (finiteness, inclusive and
 * exclusive bounds, whole numbers), booleans, enums and literals are tested here as zod tests them;
 * strings go through zod's own check functions (trim, length, patterns, formats); objects strip
 * unknown keys, omit absent optional keys and fill defaults in the schema's key order; arrays and
 * tuples are copied. Anything else in a schema (unions, pipes, transforms, refinements on containers,
 * catch-alls) makes `compileReader` return null, and that schema is always read by zod.
 *
 * src/model/fastRead.test.ts holds the reader to zod on every feature of the demo park, on every
 * invalid fixture and on thousands of mutated features: the same output, or DECLINE where zod fails.
 */
import type { z } from 'zod';

/** What a reader returns when zod must decide. */
export const DECLINE: unique symbol = Symbol('decline');
export type Reader = (value: unknown) => unknown;

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
export function compileReader(schema: z.ZodType): Reader | null {
  try {
    return compile(schema as unknown as Internals);
  } catch {
    return null;
  }
}

function compile(s: Internals): Reader | null {
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
      const read = compile(inner);
      return read && ((v) => (v === undefined ? undefined : read(v)));
    }
    case 'default': {
      const read = compile(def.innerType as Internals);
      if (!read || def.checks?.length) return null;
      return (v) => (v === undefined ? def.defaultValue : read(v));
    }
    case 'array':
      return arrayReader(s);
    case 'tuple':
      return tupleReader(s);
    case 'object':
      return objectReader(s);
    default:
      return null;
  }
}

/**
 * Strings: the type test, then each of the schema's checks in order — zod's own check functions (trim,
 * lengths, patterns, formats, refinements), called directly on one payload; the first issue declines.
 * A format schema (z.iso.datetime …) is itself its first check, as zod runs it.
 */
function stringReader(s: Internals): Reader | null {
  const def = s._zod.def;
  if (def.coerce) return null;
  const checks = [...((s._zod as { traits?: Set<string> }).traits?.has('$ZodCheck') ? [s] : []), ...(def.checks ?? [])];
  const payload: { value: unknown; issues: unknown[] } = { value: undefined, issues: [] };
  const run = checks.map((ch) => {
    const check = (ch._zod as unknown as { check: (p: typeof payload) => unknown }).check;
    const when = ch._zod.def.when as ((p: typeof payload) => boolean) | undefined;
    return { check, when };
  });
  return (v) => {
    if (typeof v !== 'string') return DECLINE;
    payload.value = v;
    for (const { check, when } of run) {
      if (when && !when(payload)) continue;
      if (check(payload) instanceof Promise) throw new Error('an asynchronous check in a layout schema');
      if (payload.issues.length) {
        payload.issues = [];
        payload.value = undefined;
        return DECLINE;
      }
    }
    const out = payload.value;
    payload.value = undefined;
    return out;
  };
}

/** Numbers: finite, then each bound and whole-number check as zod's number checks test them. */
function numberReader(s: Internals): Reader | null {
  const def = s._zod.def;
  if (def.coerce) return null;
  const tests: ((x: number) => boolean)[] = [];
  for (const ch of def.checks ?? []) {
    const c = ch._zod.def;
    if (c.when) return null;
    if (c.check === 'greater_than' && typeof c.value === 'number') {
      const min = c.value;
      tests.push(c.inclusive ? (x) => x >= min : (x) => x > min);
    } else if (c.check === 'less_than' && typeof c.value === 'number') {
      const max = c.value;
      tests.push(c.inclusive ? (x) => x <= max : (x) => x < max);
    } else if (c.check === 'number_format' && c.format === 'safeint') tests.push(Number.isSafeInteger);
    else return null;
  }
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return DECLINE;
    for (const t of tests) if (!t(v)) return DECLINE;
    return v;
  };
}

function arrayReader(s: Internals): Reader | null {
  const def = s._zod.def;
  const element = compile(def.element as Internals);
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
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = element(v[i]);
      if (x === DECLINE) return DECLINE;
      out[i] = x;
    }
    return out;
  };
}

function tupleReader(s: Internals): Reader | null {
  const def = s._zod.def;
  const items = def.items as Internals[];
  if (def.checks?.length || items.some((i) => i._zod.optin !== undefined)) return null;
  const reads = items.map(compile);
  if (reads.some((r) => !r)) return null;
  const fixed = reads as Reader[];
  const rest = def.rest ? compile(def.rest as Internals) : undefined;
  if (rest === null) return null;
  const n = fixed.length;
  return (v) => {
    if (!Array.isArray(v) || v.length < n || (!rest && v.length > n)) return DECLINE;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = i < n ? fixed[i](v[i]) : rest!(v[i]);
      if (x === DECLINE) return DECLINE;
      out[i] = x;
    }
    return out;
  };
}

function objectReader(s: Internals): Reader | null {
  const def = s._zod.def;
  if (def.catchall !== undefined || def.checks?.length) return null;
  const members: Member[] = [];
  for (const [key, child] of Object.entries(def.shape as Record<string, Internals>)) {
    const cdef = child._zod.def;
    let absent: Member['absent'] = 'required';
    let target = child;
    if (cdef.type === 'optional') {
      if ((cdef.innerType as Internals)._zod.optin === 'defaulted') return null;
      absent = 'omit';
    } else if (cdef.type === 'default') {
      absent = 'default';
      target = cdef.innerType as Internals;
    }
    const read = compile(target);
    if (!read) return null;
    members.push({ key, read, absent, defaultOf: absent === 'default' ? () => cdef.defaultValue : undefined });
  }
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return DECLINE;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const m of members) {
      const x = input[m.key];
      if (x === undefined) {
        // a key present with the value undefined (only from JavaScript, never from JSON): zod decides
        if (m.absent === 'required' || Object.hasOwn(input, m.key)) return DECLINE;
        if (m.absent === 'default') out[m.key] = m.defaultOf!();
        continue;
      }
      const y = m.read(x);
      if (y === DECLINE) return DECLINE;
      out[m.key] = y;
    }
    return out;
  };
}
