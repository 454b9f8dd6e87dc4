/**
 * Rule sets are data, not code: JSON files under rules/ (or the user's own), each rule with an id,
 * its citation, a verified flag, selectors for the two sides and the required value as a number or
 * an expression over both sides' properties. This module validates rule files and compiles their
 * expressions; distances.ts and layoutChecks.ts run them.
 */
import jsep from 'jsep';
import { z } from 'zod';
import { KINDS } from '../../model/enums.ts';

/** Property conditions: a list of allowed values, a numeric range, or a boolean. */
const Condition = z.union([
  z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  z
    .object({ min: z.number().optional(), max: z.number().optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, { error: 'a range needs min or max' }),
  z.boolean(),
]);
export type Condition = z.infer<typeof Condition>;

export const Selector = z.object({
  kind: z.union([z.enum(KINDS), z.array(z.enum(KINDS)).min(1)]),
  /** property → condition; all must hold. */
  where: z.record(z.string(), Condition).default({}),
});
export type Selector = z.infer<typeof Selector>;

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'lower-case letters, digits and . _ -' }),
  citation: z.string().min(3),
  verified: z.boolean(),
  note: z.string().optional(),
};

export const DistanceRule = z.object({
  ...common,
  type: z.literal('distance').default('distance'),
  from: Selector,
  to: Selector,
  /** Pair constraints: properties that must be equal on both sides, or differ. */
  same: z.array(z.string()).default([]),
  different: z.array(z.string()).default([]),
  /**
   * Equal on both sides, or missing on either: a tank-group rule applied to a tank that stands in no
   * group too (`dike_id`), as the least spacing it may keep from its neighbours.
   */
  same_or_absent: z.array(z.string()).default([]),
  /** Required distance, m: a number or an expression over a.<prop>, b.<prop>. */
  required_m: z.union([z.number().nonnegative(), z.string().min(1)]),
});

export const ClearanceRule = z.object({
  ...common,
  type: z.literal('clearance'),
  from: Selector,
  /** The property of `from` naming the area it must stand inside with clearance (e.g. dike_id). */
  inside: z.string(),
  required_m: z.union([z.number().nonnegative(), z.string().min(1)]),
});

export const DikeCapacityRule = z.object({
  ...common,
  type: z.literal('dike_capacity'),
  /** Applies to dikes holding at least one tank that matches. */
  tanks: Selector.shape.where,
  /** Required effective capacity as a fraction of the largest tank (1 = the largest tank). */
  fraction_of_largest: z.number().positive().default(1),
});

export const DikeHeightRule = z.object({
  ...common,
  type: z.literal('dike_height'),
  tanks: Selector.shape.where,
  min_m: z.number().nonnegative().optional(),
  max_m: z.number().positive().optional(),
});

export const Rule = z.discriminatedUnion('type', [DistanceRule, ClearanceRule, DikeCapacityRule, DikeHeightRule], {
  error: 'type must be one of distance, clearance, dike_capacity, dike_height',
});
export type Rule = z.infer<typeof Rule>;
export type DistanceRule = z.infer<typeof DistanceRule>;
export type ClearanceRule = z.infer<typeof ClearanceRule>;
export type DikeCapacityRule = z.infer<typeof DikeCapacityRule>;
export type DikeHeightRule = z.infer<typeof DikeHeightRule>;

export const RuleSet = z.object({
  ruleset: z.string().min(1),
  title: z.string().min(1),
  rules: z.array(z.unknown()),
});

export interface LoadedRuleSet {
  ruleset: string;
  title: string;
  rules: Rule[];
}

/** A rule file with problems; each names the rule (id or #index) and the field. */
export class RuleFileError extends Error {
  constructor(
    readonly problems: { rule: string; path: string; message: string }[],
    source: string,
  ) {
    super(`${source}: ${problems.map((p) => `${p.rule}: ${p.path}: ${p.message}`).join('; ')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Expressions: jsep parses; we evaluate a whitelist (numbers, a./b. properties, + − × ÷, min, max,
// abs, sqrt, if, comparisons, ft), so a rule file cannot run code.

export type Side = Record<string, unknown>;
export type Expr = (a: Side, b: Side) => number;

const FUNCS: Record<string, (...x: number[]) => number> = {
  min: Math.min,
  max: Math.max,
  abs: Math.abs,
  sqrt: Math.sqrt,
  /** if(condition, then, else): condition is a comparison (1 true, 0 false). */
  if: (c, t, e) => (c ? t : e),
};
/** Unit constants usable in expressions. */
const CONSTS: Record<string, number> = { ft: 0.3048, m: 1 };

type Node = jsep.Expression;

function compileNode(n: Node, refs: Set<string>): Expr {
  switch (n.type) {
    case 'Literal': {
      const v = (n as jsep.Literal).value;
      if (typeof v !== 'number') throw new Error(`only numbers are allowed, not ${JSON.stringify(v)}`);
      return () => v;
    }
    case 'Identifier': {
      const name = (n as jsep.Identifier).name;
      if (!(name in CONSTS)) throw new Error(`unknown name "${name}" (use a.<property>, b.<property>, ${Object.keys(CONSTS).join(', ')})`);
      const v = CONSTS[name];
      return () => v;
    }
    case 'MemberExpression': {
      const m = n as jsep.MemberExpression;
      if (m.computed || m.object.type !== 'Identifier' || m.property.type !== 'Identifier') throw new Error('write properties as a.name or b.name');
      const side = (m.object as jsep.Identifier).name;
      const prop = (m.property as jsep.Identifier).name;
      if (side !== 'a' && side !== 'b') throw new Error(`"${side}.${prop}": the sides are a (from) and b (to)`);
      refs.add(`${side}.${prop}`);
      return side === 'a' ? (a) => num(a[prop]) : (_a, b) => num(b[prop]);
    }
    case 'BinaryExpression': {
      const bn = n as jsep.BinaryExpression;
      const l = compileNode(bn.left, refs);
      const r = compileNode(bn.right, refs);
      switch (bn.operator) {
        case '+':
          return (a, b) => l(a, b) + r(a, b);
        case '-':
          return (a, b) => l(a, b) - r(a, b);
        case '*':
          return (a, b) => l(a, b) * r(a, b);
        case '/':
          return (a, b) => l(a, b) / r(a, b);
        case '<':
          return (a, b) => (l(a, b) < r(a, b) ? 1 : 0);
        case '<=':
          return (a, b) => (l(a, b) <= r(a, b) ? 1 : 0);
        case '>':
          return (a, b) => (l(a, b) > r(a, b) ? 1 : 0);
        case '>=':
          return (a, b) => (l(a, b) >= r(a, b) ? 1 : 0);
        default:
          throw new Error(`operator ${bn.operator} is not allowed`);
      }
    }
    case 'UnaryExpression': {
      const u = n as jsep.UnaryExpression;
      if (u.operator !== '-') throw new Error(`operator ${u.operator} is not allowed`);
      const x = compileNode(u.argument, refs);
      return (a, b) => -x(a, b);
    }
    case 'CallExpression': {
      const c = n as jsep.CallExpression;
      const name = c.callee.type === 'Identifier' ? (c.callee as jsep.Identifier).name : '';
      const fn = FUNCS[name];
      if (!fn) throw new Error(`unknown function "${name}" (allowed: ${Object.keys(FUNCS).join(', ')})`);
      const args = c.arguments.map((x) => compileNode(x, refs));
      return (a, b) => fn(...args.map((g) => g(a, b)));
    }
    default:
      throw new Error(`${n.type} is not allowed in a rule expression`);
  }
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number.NaN;
}

/** Compiles a required value (number or expression). Throws with a readable message. */
export function compileExpression(src: number | string): { fn: Expr; refs: Set<string> } {
  const refs = new Set<string>();
  if (typeof src === 'number') return { fn: () => src, refs };
  let ast: Node;
  try {
    ast = jsep(src);
  } catch (e) {
    throw new Error(`cannot parse "${src}": ${(e as Error).message}`);
  }
  return { fn: compileNode(ast, refs), refs };
}

/** Validates a parsed rule file. Throws RuleFileError naming every bad rule and field. */
export function parseRuleSet(json: unknown, source: string): LoadedRuleSet {
  const head = RuleSet.safeParse(json);
  if (!head.success)
    throw new RuleFileError(
      head.error.issues.map((i) => ({ rule: '(file)', path: i.path.join('.') || '(root)', message: i.message })),
      source,
    );
  const problems: { rule: string; path: string; message: string }[] = [];
  const rules: Rule[] = [];
  const seen = new Set<string>();
  head.data.rules.forEach((raw, i) => {
    const label = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `#${i}`;
    const r = Rule.safeParse(raw);
    if (!r.success) {
      for (const iss of r.error.issues) problems.push({ rule: label, path: iss.path.join('.') || '(rule)', message: iss.message });
      return;
    }
    if (seen.has(r.data.id)) problems.push({ rule: label, path: 'id', message: 'duplicate rule id' });
    seen.add(r.data.id);
    if ('required_m' in r.data) {
      try {
        const { refs } = compileExpression(r.data.required_m);
        if (r.data.type === 'clearance') for (const ref of refs) if (ref.startsWith('b.')) throw new Error(`a clearance rule has only side a, not ${ref}`);
      } catch (e) {
        problems.push({ rule: label, path: 'required_m', message: (e as Error).message });
        return;
      }
    }
    rules.push(r.data);
  });
  if (problems.length) throw new RuleFileError(problems, source);
  return { ruleset: head.data.ruleset, title: head.data.title, rules };
}

/** Does a feature's properties satisfy a selector? */
export function matches(kind: string, props: Record<string, unknown>, sel: Selector): boolean {
  const kinds = Array.isArray(sel.kind) ? sel.kind : [sel.kind];
  if (!kinds.includes(kind as (typeof kinds)[number])) return false;
  return whereHolds(props, sel.where);
}

export function whereHolds(props: Record<string, unknown>, where: Record<string, Condition>): boolean {
  for (const [key, cond] of Object.entries(where)) {
    const v = props[key];
    if (Array.isArray(cond)) {
      if (!cond.includes(v as string | number | boolean)) return false;
    } else if (typeof cond === 'boolean') {
      if (Boolean(v) !== cond) return false;
    } else {
      if (typeof v !== 'number') return false;
      if (cond.min !== undefined && v < cond.min) return false;
      if (cond.max !== undefined && v > cond.max) return false;
    }
  }
  return true;
}
