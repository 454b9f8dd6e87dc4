/**
 * The rule sets shipped in rules/, validated once. GB 50160 and GB 50074 run by default; NFPA 30 is
 * there to pick (`--rules rules/nfpa30.json`, or the planner's rule-set switch).
 */
import gb50074 from '../../../rules/gb50074.json';
import gb50160 from '../../../rules/gb50160.json';
import nfpa30 from '../../../rules/nfpa30.json';
import { parseRuleSet, type LoadedRuleSet } from './rules.ts';

export const SHIPPED_RULE_SETS: Record<string, LoadedRuleSet> = {
  gb50160: parseRuleSet(gb50160, 'rules/gb50160.json'),
  gb50074: parseRuleSet(gb50074, 'rules/gb50074.json'),
  nfpa30: parseRuleSet(nfpa30, 'rules/nfpa30.json'),
};

export const DEFAULT_RULE_SETS: readonly LoadedRuleSet[] = [SHIPPED_RULE_SETS.gb50160, SHIPPED_RULE_SETS.gb50074];
