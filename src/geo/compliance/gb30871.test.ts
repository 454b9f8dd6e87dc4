/**
 * GB 30871-2022's rules as parktwin enforces them, one case per rule with its chapter (the rules'
 * certainty is in gb30871.ts). Hand-worked: the limits are the standard's figures, the cases sit just
 * inside and just outside them.
 */
import { describe, expect, it } from 'vitest';
import {
  analysisFailure,
  checkPermit,
  checkStart,
  combustibleLimitPctVol,
  type GasAnalysis,
  heightGrade,
  liftingGrade,
  OPS,
  type PermitFacts,
  reanalysisAfterPauseMin,
  SPECIAL_OPS,
} from './gb30871.ts';

const H = 3600_000;
const T0 = Date.parse('2026-12-04T08:00:00+08:00');
const gas = (over: Partial<GasAnalysis> = {}): GasAnalysis => ({
  t: T0 - 10 * 60_000,
  point: 'flange F-3',
  kind: 'combustible',
  substance: 'hydrogen',
  value: 0.1,
  lel_pct: 4,
  analyst: '赵敏',
  ...over,
});
const permit = (over: Partial<PermitFacts> = {}): PermitFacts => ({
  kind: 'hot_work',
  grade: '1',
  valid_from: T0,
  valid_to: T0 + 8 * H,
  applicant: '王伟',
  workers: ['李强', '张军'],
  watcher: '刘洋',
  approvers: ['陈静'],
  gas_analyses: [gas()],
  ...over,
});
const fields = (ps: { field: string }[]) => ps.map((p) => p.field);

describe('GB 30871-2022: the eight special operations', () => {
  it('knows the eight kinds with their chapters, and grades hot work, work at height and lifting', () => {
    expect(SPECIAL_OPS).toHaveLength(8);
    expect(SPECIAL_OPS.map((k) => OPS[k].clause)).toEqual([5, 6, 7, 8, 9, 10, 11, 12].map((c) => `GB 30871-2022 ch. ${c}`));
    expect(OPS.hot_work.grades).toEqual(['special', '1', '2']);
    expect(OPS.confined_space.grades).toEqual([]);
  });

  it('grades work at height by the working height (ch. 8): 2–5 m grade 1, to 15 m grade 2, to 30 m grade 3, above special', () => {
    expect([1.9, 2, 5, 5.1, 15, 15.1, 30, 30.1].map(heightGrade)).toEqual([null, '1', '1', '2', '2', '3', '3', 'special']);
  });

  it('grades lifting by the mass (ch. 9): above 100 t grade 1, 40–100 t grade 2, below 40 t grade 3', () => {
    expect([100.1, 100, 40, 39.9].map(liftingGrade)).toEqual(['1', '2', '2', '3']);
  });
});

describe('GB 30871-2022: a permit as filed', () => {
  it('passes a complete grade-1 hot-work permit of 8 h', () => {
    expect(checkPermit(permit())).toEqual([]);
  });

  it('ch. 5: special and grade-1 hot work at most 8 h, grade 2 at most 72 h — naming valid_to', () => {
    const over = checkPermit(permit({ valid_to: T0 + 10 * H }));
    expect(fields(over)).toEqual(['valid_to']);
    expect(over[0].message_en).toBe('a grade-1 hot work permit is valid at most 8 h; this one runs 10 h');
    expect(over[0].message_zh).toBe('一级动火作业安全作业票有效期不应超过8 h，本票为10 h');
    expect(over[0].clause).toBe('GB 30871-2022 ch. 5');
    expect(fields(checkPermit(permit({ grade: 'special', valid_to: T0 + 8 * H + 60_000 })))).toEqual(['valid_to']);
    expect(checkPermit(permit({ grade: '2', valid_to: T0 + 72 * H }))).toEqual([]);
    expect(fields(checkPermit(permit({ grade: '2', valid_to: T0 + 73 * H })))).toEqual(['valid_to']);
  });

  it('ch. 10: temporary power at most 30 d; ch. 6: confined space at most 24 h (unverified, flagged so)', () => {
    const base = { gas_analyses: [], grade: null };
    expect(checkPermit(permit({ ...base, kind: 'temp_electricity', valid_to: T0 + 30 * 24 * H }))).toEqual([]);
    expect(fields(checkPermit(permit({ ...base, kind: 'temp_electricity', valid_to: T0 + 31 * 24 * H })))).toEqual(['valid_to']);
    const cs = checkPermit(permit({ ...base, kind: 'confined_space', valid_to: T0 + 25 * H }));
    expect(cs.map((p) => [p.field, p.certainty])).toEqual([['valid_to', 'U']]);
  });

  it('needs a grade where the standard grades the kind, one it knows, and none where it does not', () => {
    expect(fields(checkPermit(permit({ grade: null })))).toEqual(['grade']);
    expect(fields(checkPermit(permit({ grade: '3' })))).toEqual(['grade']);
    expect(fields(checkPermit(permit({ kind: 'blinding', grade: '1', gas_analyses: [] })))).toEqual(['grade']);
  });

  it('work at height and lifting: the grade must follow from the height or the mass', () => {
    expect(checkPermit(permit({ kind: 'work_at_height', grade: '2', height_m: 12, gas_analyses: [] }))).toEqual([]);
    const wrong = checkPermit(permit({ kind: 'work_at_height', grade: '1', height_m: 12, gas_analyses: [] }));
    expect(wrong.map((p) => p.message_en)).toEqual(['a working height of 12 m is grade 2, not 1']);
    expect(fields(checkPermit(permit({ kind: 'work_at_height', grade: '1', gas_analyses: [] })))).toEqual(['height_m']);
    expect(fields(checkPermit(permit({ kind: 'work_at_height', grade: '1', height_m: 1.5, gas_analyses: [] })))).toEqual(['height_m']);
    expect(fields(checkPermit(permit({ kind: 'lifting', grade: '3', mass_t: 120, gas_analyses: [] })))).toEqual(['grade']);
  });

  it('ch. 11: no excavation permit is needed shallower than 0.5 m', () => {
    expect(fields(checkPermit(permit({ kind: 'excavation', grade: null, depth_m: 0.3, gas_analyses: [] })))).toEqual(['depth_m']);
    expect(checkPermit(permit({ kind: 'excavation', grade: null, depth_m: 0.5, gas_analyses: [] }))).toEqual([]);
  });

  it('ch. 4: workers, a watcher who is not a worker, approvers other than the applicant', () => {
    expect(fields(checkPermit(permit({ workers: [] })))).toEqual(['workers']);
    expect(fields(checkPermit(permit({ watcher: ' ' })))).toEqual(['watcher']);
    expect(fields(checkPermit(permit({ watcher: '李强' })))).toEqual(['watcher']);
    expect(fields(checkPermit(permit({ approvers: [] })))).toEqual(['approvers']);
    expect(fields(checkPermit(permit({ approvers: ['王伟'] })))).toEqual(['approvers']);
  });

  it('refuses a window that ends before it starts', () => {
    expect(fields(checkPermit(permit({ valid_to: T0 })))).toEqual(['valid_to']);
  });
});

describe('GB 30871-2022: gas analyses', () => {
  it('ch. 5/6: combustible at most 0.5 % by volume when the LEL is 4 % or more, 0.2 % when below', () => {
    expect(combustibleLimitPctVol(4)).toBe(0.5);
    expect(combustibleLimitPctVol(3.9)).toBe(0.2);
    // hydrogen (LEL 4 %): 0.5 % passes, 0.6 % fails; propane (LEL 2.1 %): 0.3 % fails
    expect(analysisFailure(gas({ value: 0.5 }), 'hot_work')).toBeNull();
    expect(analysisFailure(gas({ value: 0.6 }), 'hot_work')?.en).toBe('hydrogen at 0.6 % by volume exceeds 0.5 % (its lower explosive limit is 4 %)');
    expect(analysisFailure(gas({ substance: 'propane', lel_pct: 2.1, value: 0.3 }), 'hot_work')?.zh).toBe(
      'propane浓度0.3%（体积分数）超过0.2%（爆炸下限2.1%）',
    );
    expect(analysisFailure(gas({ lel_pct: undefined }), 'hot_work')?.en).toMatch(/lower explosive limit .* is needed/);
  });

  it('ch. 6: oxygen in a confined space 19.5 %–21 % (23.5 % where enriched); toxic at most its exposure limit', () => {
    const o2 = (value: number) => analysisFailure(gas({ kind: 'oxygen', substance: 'O2', value }), 'confined_space');
    expect(o2(19.5)).toBeNull();
    expect(o2(19.4)).not.toBeNull();
    expect(o2(23.5)).toBeNull();
    expect(o2(23.6)).not.toBeNull();
    const h2s = (value: number) => analysisFailure(gas({ kind: 'toxic', substance: 'H2S', value, limit: 10, unit: 'mg/m3' }), 'confined_space');
    expect(h2s(10)).toBeNull();
    expect(h2s(12)?.en).toBe('H2S at 12 mg/m3 exceeds its exposure limit 10');
  });

  it('a failing analysis on file is named by its index', () => {
    expect(fields(checkPermit(permit({ gas_analyses: [gas(), gas({ value: 2 })] })))).toEqual(['gas_analyses.1']);
  });
});

describe('GB 30871-2022: when work may start and resume', () => {
  it('ch. 5: hot work starts only with a passing analysis taken within 30 min before', () => {
    expect(checkStart(permit(), T0)).toEqual([]);
    expect(fields(checkStart(permit({ gas_analyses: [gas({ t: T0 - 31 * 60_000 })] }), T0))).toEqual(['gas_analyses']);
    expect(fields(checkStart(permit({ gas_analyses: [gas({ t: T0 + 60_000 })] }), T0))).toEqual(['gas_analyses']);
    expect(fields(checkStart(permit({ gas_analyses: [gas({ value: 0.7 })] }), T0))).toEqual(['gas_analyses']);
  });

  it('ch. 6: a confined space needs oxygen measured too', () => {
    const cs = permit({ kind: 'confined_space', grade: null });
    expect(checkStart(cs, T0).map((p) => p.message_en)).toEqual(['a confined space’s analysis must measure oxygen']);
    expect(checkStart({ ...cs, gas_analyses: [gas(), gas({ kind: 'oxygen', substance: 'O2', value: 20.8 })] }, T0)).toEqual([]);
  });

  it('only inside the window', () => {
    expect(fields(checkStart(permit(), T0 - 60_000))).toEqual(['valid_from']);
    expect(fields(checkStart(permit({ gas_analyses: [gas({ t: T0 + 8 * H })] }), T0 + 8 * H + 60_000))).toEqual(['valid_to']);
  });

  it('ch. 5: after a pause over 30 min (grade 1) or 60 min (grade 2), or after a gas alarm, a new analysis taken after the pause began', () => {
    expect(reanalysisAfterPauseMin('hot_work', '1')).toBe(30);
    expect(reanalysisAfterPauseMin('hot_work', '2')).toBe(60);
    const p = permit({ gas_analyses: [gas({ t: T0 })] });
    const paused = T0 + 2 * H;
    // 20 min: no new analysis needed
    expect(checkStart(p, paused + 20 * 60_000, { paused_since_ms: paused })).toEqual([]);
    // 40 min: needed for grade 1, not grade 2
    expect(fields(checkStart(p, paused + 40 * 60_000, { paused_since_ms: paused }))).toEqual(['gas_analyses']);
    expect(checkStart({ ...p, grade: '2' }, paused + 40 * 60_000, { paused_since_ms: paused })).toEqual([]);
    // a gas alarm: always, and one taken before the pause does not count
    expect(fields(checkStart(p, paused + 5 * 60_000, { paused_since_ms: paused, gas_alarm: true }))).toEqual(['gas_analyses']);
    const again = { ...p, gas_analyses: [...p.gas_analyses, gas({ t: paused + 50 * 60_000 })] };
    expect(checkStart(again, paused + 55 * 60_000, { paused_since_ms: paused, gas_alarm: true })).toEqual([]);
  });

  it('ch. 5: in wind of force 5 (8.0 m/s) or more, hot work below special grade does not start', () => {
    expect(checkStart(permit(), T0, { wind_m_s: 7.9 })).toEqual([]);
    expect(checkStart(permit(), T0, { wind_m_s: 8.0 }).map((p) => p.field)).toEqual(['grade']);
    expect(checkStart(permit({ grade: 'special' }), T0, { wind_m_s: 9 })).toEqual([]);
  });
});
