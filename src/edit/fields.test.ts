import { describe, expect, it } from 'vitest';
import { fieldText, fieldValue, formFields, unitOf } from './fields.ts';

describe('the properties form from the layout schema', () => {
  it('gives a tank its fields: enums as choices, numbers with unit and range, objects as JSON, the required ones marked', () => {
    const f = Object.fromEntries(formFields('tank').map((x) => [x.name, x]));
    expect(f.id).toMatchObject({ type: 'string', required: true });
    expect(f.roof).toMatchObject({
      type: 'enum',
      required: true,
      options: ['fixed', 'floating', 'internal_floating', 'horizontal', 'sphere', 'full_containment'],
    });
    expect(f.diameter_m).toMatchObject({ type: 'number', unit: 'm', min: 0.5, max: 120, required: false });
    expect(f.capacity_m3).toMatchObject({ unit: 'm³', required: true });
    expect(f.design_pressure_kPa).toMatchObject({ unit: 'kPa' });
    expect(f.inventory_t).toMatchObject({ unit: 't', required: true });
    expect(f.responsible).toMatchObject({ type: 'json', required: true });
    expect(f.fire_class.options).toContain('甲B');
  });

  it('reads units off names and form text back into values', () => {
    expect([unitOf('height_m'), unitOf('orientation_deg'), unitOf('period_s'), unitOf('name')]).toEqual(['m', '°', 's', undefined]);
    const d = formFields('tank').find((x) => x.name === 'diameter_m')!;
    expect(fieldValue(d, ' 20 ')).toEqual({ value: 20 });
    expect(fieldValue(d, 'twenty')).toEqual({ error: 'must be a number' });
    expect(fieldValue(d, '')).toEqual({ value: undefined });
    const r = formFields('tank').find((x) => x.name === 'responsible')!;
    expect(fieldValue(r, '{"principal":"李杰"}')).toEqual({ value: { principal: '李杰' } });
    expect(fieldValue(r, '{')).toEqual({ error: 'must be JSON' });
    expect(fieldText(r, { principal: '李杰' })).toBe('{"principal":"李杰"}');
  });
});
