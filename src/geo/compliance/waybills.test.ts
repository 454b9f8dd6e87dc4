/** Waybills at the gate, on the demo park: valid now, to an enterprise that stores or uses the substance (matched by the substance table, Chinese names too). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/model.ts';
import { aWaybill } from '../__test__/waybill.ts';
import { checkWaybill, enterpriseSubstances, type Waybill } from './waybills.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const T = Date.parse('2026-12-04T08:00:00+08:00');
const bill = (over: Partial<Waybill> = {}): Waybill => aWaybill(T, over);

describe('waybills at the gate', () => {
  it('knows what an enterprise stores or uses', () => {
    expect(enterpriseSubstances(model, 'E-LPG').has('lpg')).toBe(true);
    expect(enterpriseSubstances(model, 'E-LOG').has('lpg')).toBe(false);
  });
  it('admits a truck on a waybill valid now to an enterprise that stores its cargo (by plate or by tag, the substance by its Chinese name)', () => {
    expect(checkWaybill(model, { tag: 'V-HZ-001', plate: '津A·12345危' }, [bill()], T)).toEqual({ ok: true, waybill: 'WB-1' });
    expect(checkWaybill(model, { tag: 'V-HZ-001' }, [bill({ vehicle: 'V-HZ-001' })], T)).toMatchObject({ ok: true });
  });
  it('refuses none on file, one expired, a destination that does not store the cargo, a destination not in the park', () => {
    expect(checkWaybill(model, { tag: 'V-HZ-009', plate: '津B·99999危' }, [bill()], T)).toMatchObject({ ok: false, reason: 'no_waybill', waybill: null });
    expect(checkWaybill(model, { tag: 'x', plate: '津A·12345危' }, [bill()], T + 9 * 3600_000)).toMatchObject({
      ok: false,
      reason: 'expired',
      waybill: 'WB-1',
    });
    expect(checkWaybill(model, { tag: 'x', plate: '津A·12345危' }, [bill({ destination: 'E-LOG' })], T)).toMatchObject({
      ok: false,
      reason: 'not_permitted',
      detail: 'E-LOG neither stores nor uses 液化石油气 (waybill WB-1)',
    });
    expect(checkWaybill(model, { tag: 'x', plate: '津A·12345危' }, [bill({ destination: 'E-NONE' })], T)).toMatchObject({
      ok: false,
      reason: 'unknown_destination',
    });
  });
});
