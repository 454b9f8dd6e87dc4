/**
 * A layout finding in the page's language: the engines write English (with the numbers in
 * `values`); in Chinese each kind of finding has its sentence (src/ui/i18nProps.ts `finding.*`),
 * filled with the names of its features and its numbers. A kind without one shows as written.
 */
import type { TFunction } from 'i18next';
import type { Finding } from '../geo/compliance/layoutChecks.ts';
import type { ParkModel } from '../model/model.ts';
import { displayName } from '../model/names.ts';

export function findingText(f: Finding, model: ParkModel, t: TFunction, lang: string): string {
  if (!lang.startsWith('zh')) return f.message;
  const key = f.check.endsWith('dike-capacity')
    ? 'dikeCapacity'
    : f.check.endsWith('dike-height')
      ? f.values?.max_m !== undefined
        ? 'dikeHigh'
        : 'dikeLow'
      : f.check;
  if (!t(`finding.${key}`, { defaultValue: '' })) return f.message;
  const name = (id: string | undefined) => (id ? displayName(model.byId.get(id)?.props, lang, id) : '');
  const system = typeof f.values?.system === 'string' ? t(`finding.system.${f.values.system}`, { defaultValue: String(f.values.system) }) : '';
  return t(`finding.${key}`, { a: name(f.ids[0]), b: name(f.ids[1]), systemName: system, ...f.values });
}
