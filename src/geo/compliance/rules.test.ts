/**
 * Rule files: expressions evaluate as worked by hand, unsafe or malformed input is refused with the
 * rule and field named, and the shipped rule sets load.
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED_RULE_SETS } from './ruleSets.ts';
import { compileExpression, matches, parseRuleSet, RuleFileError } from './rules.ts';

const ev = (src: string | number, a: Record<string, unknown> = {}, b: Record<string, unknown> = {}) => compileExpression(src).fn(a, b);

describe('rule expressions', () => {
  it('evaluates numbers and the table expressions', () => {
    expect(ev(150)).toBe(150);
    expect(ev('0.4 * max(a.diameter_m, b.diameter_m)', { diameter_m: 40 }, { diameter_m: 30 })).toBeCloseTo(16, 12);
    expect(ev('0.5 * a.height_m', { height_m: 21.8 })).toBeCloseTo(10.9, 12);
    expect(ev('20 * ft')).toBeCloseTo(6.096, 12);
    expect(ev('-(2 - 5) / 3')).toBe(1);
  });
  it('NFPA 30 shell-to-shell: 1/6 of the sum, or ½ the smaller when it is under half the larger, at least 3 ft', () => {
    const nfpa =
      '(max(3 * ft, if(min(a.diameter_m, b.diameter_m) < 0.5 * max(a.diameter_m, b.diameter_m), 0.5 * min(a.diameter_m, b.diameter_m), (a.diameter_m + b.diameter_m) / 6)))';
    expect(ev(nfpa, { diameter_m: 40 }, { diameter_m: 40 })).toBeCloseTo(80 / 6, 12); // 13.33 m
    expect(ev(nfpa, { diameter_m: 10 }, { diameter_m: 40 })).toBeCloseTo(5, 12); // 10 < 20 → ½ × 10
    expect(ev(nfpa, { diameter_m: 2 }, { diameter_m: 2 })).toBeCloseTo(0.9144, 12); // 4/6 = 0.67 < 3 ft
  });
  it('gives NaN when a property is missing (the engine then skips the pair and says so)', () => {
    expect(ev('0.5 * a.height_m', {})).toBeNaN();
  });
  it('refuses anything but arithmetic on a./b. properties', () => {
    expect(() => compileExpression('process.exit(1)')).toThrow(/sides are a \(from\) and b \(to\)|not allowed|unknown function/);
    expect(() => compileExpression('eval("1")')).toThrow(/unknown function "eval"/);
    expect(() => compileExpression('a["diameter_m"]')).toThrow(/a.name or b.name/);
    expect(() => compileExpression('c.diameter_m')).toThrow(/the sides are a \(from\) and b \(to\)/);
    expect(() => compileExpression('x + 1')).toThrow(/unknown name "x"/);
    expect(() => compileExpression('0.4 * (')).toThrow(/cannot parse/);
    expect(() => compileExpression('"150"')).toThrow(/only numbers/);
    expect(() => compileExpression('a.x ** 2')).toThrow();
  });
});

describe('rule files', () => {
  const good = { id: 'x.one', citation: 'Test 1', verified: true, from: { kind: 'tank' }, to: { kind: 'protected_target' }, required_m: 100 };
  it('load the shipped sets', () => {
    expect(SHIPPED_RULE_SETS.gb50160.rules.length).toBeGreaterThanOrEqual(15);
    expect(SHIPPED_RULE_SETS.gb50074.rules.map((r) => r.type).sort()).toEqual(['clearance', 'clearance', 'dike_capacity', 'dike_height', 'distance']);
    expect(SHIPPED_RULE_SETS.nfpa30.rules.length).toBe(3);
  });
  it('name the rule and the field of every problem', () => {
    const bad = {
      ruleset: 't',
      title: 'T',
      rules: [
        good,
        { ...good, id: 'x.no-citation', citation: undefined },
        { ...good, id: 'x.bad-kind', from: { kind: 'tnak' } },
        { ...good, id: 'x.bad-expr', required_m: '0.4 * max(a.diameter_m' },
        { ...good, id: 'x.negative', required_m: -5 },
        { ...good, id: 'x.one' },
        { ...good, id: 'x.bad-type', type: 'radius' },
        { ...good, id: 'x.clearance-b', type: 'clearance', inside: 'dike_id', required_m: 'b.height_m' },
        { citation: 'no id' },
      ],
    };
    try {
      parseRuleSet(bad, 'bad.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleFileError);
      const p = (e as RuleFileError).problems.map((x) => `${x.rule} ${x.path}`);
      expect(p).toContain('x.no-citation citation');
      expect(p).toContain('x.bad-kind from.kind');
      expect(p).toContain('x.bad-expr required_m');
      expect(p).toContain('x.negative required_m');
      expect(p).toContain('x.one id');
      expect(p).toContain('x.bad-type type');
      expect(p).toContain('x.clearance-b required_m');
      expect(p.some((x) => x.startsWith('#8 '))).toBe(true);
    }
  });
  it('refuse a file without ruleset, title or rules', () => {
    expect(() => parseRuleSet({ rules: [] }, 'f.json')).toThrow(RuleFileError);
    expect(() => parseRuleSet([], 'f.json')).toThrow(/f\.json: \(file\)/);
  });
});

describe('selectors', () => {
  it('match kinds, value lists, numeric ranges and booleans', () => {
    const sel = { kind: ['tank' as const], where: { roof: ['fixed'], capacity_m3: { max: 1000 } } };
    expect(matches('tank', { roof: 'fixed', capacity_m3: 1000 }, sel)).toBe(true);
    expect(matches('tank', { roof: 'fixed', capacity_m3: 1000.5 }, sel)).toBe(false);
    expect(matches('tank', { roof: 'floating', capacity_m3: 500 }, sel)).toBe(false);
    expect(matches('vessel', { roof: 'fixed', capacity_m3: 500 }, sel)).toBe(false);
    expect(matches('enterprise', { labour_intensive: true }, { kind: 'enterprise', where: { labour_intensive: true } })).toBe(true);
    expect(matches('enterprise', {}, { kind: 'enterprise', where: { labour_intensive: true } })).toBe(false);
  });
});
