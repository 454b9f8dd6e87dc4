/**
 * The fields of a kind's properties form, generated from the layout schema (src/model/schema.ts,
 * through zod's JSON Schema): enums as choices, numbers with their unit (read off the name:
 * `diameter_m` → m) and range, nested objects and lists as JSON; which are required. The planner's
 * properties form draws these; the validator's messages go next to them by path.
 */
import { z } from 'zod';
import type { Kind } from '../model/enums.ts';
import { PROPERTIES } from '../model/schema.ts';

export interface FormField {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';
  required: boolean;
  options?: readonly string[];
  unit?: string;
  min?: number;
  max?: number;
}

/** The unit a property's name carries (the project's rule: units in names). */
const UNITS: readonly [RegExp, string][] = [
  [/_m3$/, 'm³'],
  [/_m2$/, 'm²'],
  [/_kPa$/, 'kPa'],
  [/_MPa$/, 'MPa'],
  [/_deg$/, '°'],
  [/_degC$|_C$/, '°C'],
  [/_kg$/, 'kg'],
  [/_t$/, 't'],
  [/_s$/, 's'],
  [/_min$/, 'min'],
  [/_h$/, 'h'],
  [/_m$/, 'm'],
];
export const unitOf = (name: string): string | undefined => UNITS.find(([re]) => re.test(name))?.[1];

type JsonSchema = { type?: string | string[]; enum?: unknown[]; minimum?: number; maximum?: number; anyOf?: JsonSchema[] };

const cache = new Map<Kind, FormField[]>();

/** The form's fields for a kind (`id` first, then the schema's order). */
export function formFields(kind: Kind): FormField[] {
  const hit = cache.get(kind);
  if (hit) return hit;
  const schema = z.toJSONSchema(PROPERTIES[kind as keyof typeof PROPERTIES], { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, p]): FormField => {
    const s = p.anyOf?.find((x) => x.type !== 'null') ?? p;
    const base = { name, required: required.has(name) };
    if (s.enum?.every((v) => typeof v === 'string')) return { ...base, type: 'enum', options: s.enum as string[] };
    if (s.type === 'number' || s.type === 'integer') return { ...base, type: s.type, unit: unitOf(name), min: s.minimum, max: s.maximum };
    if (s.type === 'boolean') return { ...base, type: 'boolean' };
    if (s.type === 'string') return { ...base, type: 'string' };
    return { ...base, type: 'json' };
  });
  cache.set(kind, fields);
  return fields;
}

/** A form's text back into a property value: '' is absent; numbers and JSON parsed (a JSON error is the message). */
export function fieldValue(f: FormField, text: string): { value: unknown } | { error: string } {
  const t = text.trim();
  if (t === '') return { value: undefined };
  if (f.type === 'number' || f.type === 'integer') {
    const n = Number(t);
    return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
  }
  if (f.type === 'boolean') return { value: t === 'true' };
  if (f.type === 'json') {
    try {
      return { value: JSON.parse(t) };
    } catch {
      return { error: 'must be JSON' };
    }
  }
  return { value: t };
}

/** A property value as the form's text. */
export const fieldText = (f: FormField, v: unknown): string => (v === undefined || v === null ? '' : f.type === 'json' ? JSON.stringify(v) : String(v));
