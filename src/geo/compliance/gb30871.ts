/**
 * Special operations (特殊作业) as GB 30871-2022 《危险化学品企业特殊作业安全规范》 defines them: the
 * eight kinds, their grades, how long a permit (安全作业票) may run, the gas analyses hot work and
 * confined-space entry need before they start, and what a permit must name. Pure: the server refuses a
 * permit with these checks and the browser's form shows the same messages next to its fields.
 *
 * Every rule carries its clause and how sure we are of it ('V' checked against the standard's text,
 * 'P' recalled and corroborated by enterprises' published practice but the wording not checked,
 * 'U' not confirmed). The standard's clause numbers inside a chapter were not checked: rules cite the
 * chapter (ch. 5 hot work … ch. 12 road closure; ch. 4 the general requirements).
 */

export const SPECIAL_OPS = ['hot_work', 'confined_space', 'blinding', 'work_at_height', 'lifting', 'temp_electricity', 'excavation', 'road_closure'] as const;
export type SpecialOp = (typeof SPECIAL_OPS)[number];

export type Certainty = 'V' | 'P' | 'U';

export interface OpDefinition {
  name_zh: string;
  name_en: string;
  /** The chapter of GB 30871-2022 that rules it. */
  clause: string;
  /** Its grades, most severe first (empty: the standard does not grade it). */
  grades: readonly string[];
  /** The longest a permit of a grade (or `*` for every grade) may run, hours; absent: no limit we could confirm. */
  max_validity_h: Readonly<Record<string, number>>;
  validity_basis: string;
  validity_certainty: Certainty;
  /** Whether work may start only after a passing gas analysis. */
  needs_gas_analysis: boolean;
}

export const OPS: Readonly<Record<SpecialOp, OpDefinition>> = {
  hot_work: {
    name_zh: '动火作业',
    name_en: 'Hot work',
    clause: 'GB 30871-2022 ch. 5',
    // 特级动火、一级动火、二级动火
    grades: ['special', '1', '2'],
    // special- and first-grade permits at most 8 h, second grade at most 72 h
    max_validity_h: { special: 8, '1': 8, '2': 72 },
    validity_basis: 'GB 30871-2022 ch. 5: special- and first-grade hot-work permits at most 8 h, second grade at most 72 h',
    validity_certainty: 'P',
    needs_gas_analysis: true,
  },
  confined_space: {
    name_zh: '受限空间作业',
    name_en: 'Confined-space entry',
    clause: 'GB 30871-2022 ch. 6',
    grades: [],
    max_validity_h: { '*': 24 },
    validity_basis: 'GB 30871-2022 ch. 6: a confined-space permit at most 24 h (unverified)',
    validity_certainty: 'U',
    needs_gas_analysis: true,
  },
  blinding: {
    name_zh: '盲板抽堵作业',
    name_en: 'Blinding and unblinding',
    clause: 'GB 30871-2022 ch. 7',
    grades: [],
    max_validity_h: {},
    validity_basis: 'GB 30871-2022 ch. 7: one permit per blind; no validity limit confirmed',
    validity_certainty: 'U',
    needs_gas_analysis: false,
  },
  work_at_height: {
    name_zh: '高处作业',
    name_en: 'Work at height',
    clause: 'GB 30871-2022 ch. 8',
    // by the working height: special above 30 m, grade 3 15–30 m, grade 2 5–15 m, grade 1 2–5 m
    grades: ['special', '3', '2', '1'],
    max_validity_h: {},
    validity_basis: 'GB 30871-2022 ch. 8: no validity limit confirmed',
    validity_certainty: 'U',
    needs_gas_analysis: false,
  },
  lifting: {
    name_zh: '吊装作业',
    name_en: 'Lifting',
    clause: 'GB 30871-2022 ch. 9',
    // by the mass lifted: grade 1 above 100 t, grade 2 40–100 t, grade 3 below 40 t
    grades: ['1', '2', '3'],
    max_validity_h: {},
    validity_basis: 'GB 30871-2022 ch. 9: no validity limit confirmed',
    validity_certainty: 'U',
    needs_gas_analysis: false,
  },
  temp_electricity: {
    name_zh: '临时用电作业',
    name_en: 'Temporary electricity',
    clause: 'GB 30871-2022 ch. 10',
    grades: [],
    // temporary power as a rule at most 15 d, in special cases at most 30 d
    max_validity_h: { '*': 30 * 24 },
    validity_basis: 'GB 30871-2022 ch. 10: temporary power as a rule at most 15 d, never more than 30 d',
    validity_certainty: 'P',
    needs_gas_analysis: false,
  },
  excavation: {
    name_zh: '动土作业',
    name_en: 'Excavation',
    clause: 'GB 30871-2022 ch. 11',
    grades: [],
    max_validity_h: {},
    validity_basis: 'GB 30871-2022 ch. 11: no validity limit confirmed',
    validity_certainty: 'U',
    needs_gas_analysis: false,
  },
  road_closure: {
    name_zh: '断路作业',
    name_en: 'Road closure',
    clause: 'GB 30871-2022 ch. 12',
    grades: [],
    max_validity_h: {},
    validity_basis: 'GB 30871-2022 ch. 12: no validity limit confirmed',
    validity_certainty: 'U',
    needs_gas_analysis: false,
  },
};

/** Work at height's grade by the working height, m (GB 30871-2022 ch. 8, after GB/T 3608; P). Below 2 m it is not work at height: null. */
export function heightGrade(height_m: number): string | null {
  if (height_m < 2) return null;
  if (height_m <= 5) return '1';
  if (height_m <= 15) return '2';
  if (height_m <= 30) return '3';
  return 'special';
}

/** Lifting's grade by the mass lifted, t (GB 30871-2022 ch. 9; P): above 100 t grade 1, 40–100 t grade 2, below 40 t grade 3. */
export function liftingGrade(mass_t: number): string {
  if (mass_t > 100) return '1';
  if (mass_t >= 40) return '2';
  return '3';
}

/** Excavation needs a permit from this depth, m (GB 30871-2022 ch. 11: digging, piling, drilling or anchoring 0.5 m or deeper; P). */
export const EXCAVATION_PERMIT_DEPTH_M = 0.5;

/**
 * How long before work starts its gas analysis may be taken, min (GB 30871-2022 ch. 5 for hot work,
 * ch. 6 for confined-space entry: within 30 min; P).
 */
export const GAS_ANALYSIS_BEFORE_START_MIN = 30;

/**
 * After a pause longer than this, min, work may resume only after a new gas analysis (GB 30871-2022
 * ch. 5: special and first-grade hot work 30 min, second grade 60 min, P; ch. 6: confined space 60 min, U).
 */
export function reanalysisAfterPauseMin(op: SpecialOp, grade: string | null): number | null {
  if (op === 'hot_work') return grade === '2' ? 60 : 30;
  if (op === 'confined_space') return 60;
  return null;
}

/**
 * The largest combustible concentration a hot-work or confined-space analysis may show, % by volume
 * (GB 30871-2022 ch. 5 and 6; P): 0.5 % when the gas's lower explosive limit is 4 % or more, 0.2 %
 * when it is below 4 %.
 */
export const combustibleLimitPctVol = (lel_pct: number): number => (lel_pct >= 4 ? 0.5 : 0.2);

/** Oxygen in a confined space, % by volume (GB 30871-2022 ch. 6: 19.5 %–21 %, up to 23.5 % where the air is enriched; P). */
export const OXYGEN_RANGE_PCT = { min: 19.5, max: 21, enriched_max: 23.5 } as const;

/**
 * Wind from which outdoor hot work is, as a rule, not done and must be upgraded one grade when it
 * must (GB 30871-2022 ch. 5: force 5 or more; P); force 5 starts at 8.0 m/s (GB/T 28591-2012 Beaufort
 * table; V).
 */
export const HOT_WORK_WIND_LIMIT_M_S = 8.0;

export interface GasAnalysis {
  /** When the sample was taken, epoch ms. */
  t: number;
  /** Where (the sampling point). */
  point: string;
  /** What was measured. */
  kind: 'combustible' | 'oxygen' | 'toxic';
  /** The gas (name or id). */
  substance: string;
  /** % by volume for combustible and oxygen; for toxic, in `unit`. */
  value: number;
  /** For combustible: the gas's lower explosive limit, % by volume (decides the limit). */
  lel_pct?: number;
  /** For toxic: the occupational exposure limit in the same unit (GBZ 2.1), which the reading must not exceed. */
  limit?: number;
  unit?: string;
  analyst: string;
}

/** One thing wrong with a permit: the field, what is wrong in both languages, and the rule's clause. */
export interface PermitProblem {
  field: string;
  message_en: string;
  message_zh: string;
  clause: string;
  certainty: Certainty;
}

/** What the rules read of a permit (the protocol's permit body satisfies it). */
export interface PermitFacts {
  kind: SpecialOp;
  grade?: string | null;
  /** Epoch ms. */
  valid_from: number;
  valid_to: number;
  applicant: string;
  workers: readonly string[];
  watcher: string;
  approvers: readonly string[];
  gas_analyses: readonly GasAnalysis[];
  /** Work at height: the working height, m. */
  height_m?: number;
  /** Lifting: the mass lifted, t. */
  mass_t?: number;
  /** Excavation: the depth, m. */
  depth_m?: number;
}

const hours = (ms: number) => ms / 3600_000;
const fmtH = (h: number) => String(Math.round(h * 10) / 10);

/** A gas analysis against its limit: null when it passes, else what is wrong. */
export function analysisFailure(a: GasAnalysis, op: SpecialOp): { en: string; zh: string; clause: string } | null {
  const clause = OPS[op].clause;
  if (a.kind === 'combustible') {
    if (a.lel_pct === undefined)
      return { en: `the lower explosive limit of ${a.substance} is needed to judge it`, zh: `判定需要${a.substance}的爆炸下限`, clause };
    const lim = combustibleLimitPctVol(a.lel_pct);
    if (a.value > lim)
      return {
        en: `${a.substance} at ${a.value} % by volume exceeds ${lim} % (its lower explosive limit is ${a.lel_pct} %)`,
        zh: `${a.substance}浓度${a.value}%（体积分数）超过${lim}%（爆炸下限${a.lel_pct}%）`,
        clause,
      };
    return null;
  }
  if (a.kind === 'oxygen') {
    if (op !== 'confined_space') return null;
    if (a.value < OXYGEN_RANGE_PCT.min || a.value > OXYGEN_RANGE_PCT.enriched_max)
      return {
        en: `oxygen at ${a.value} % is outside ${OXYGEN_RANGE_PCT.min}–${OXYGEN_RANGE_PCT.max} % (${OXYGEN_RANGE_PCT.enriched_max} % in enriched air)`,
        zh: `氧含量${a.value}%不在${OXYGEN_RANGE_PCT.min}%～${OXYGEN_RANGE_PCT.max}%（富氧环境不大于${OXYGEN_RANGE_PCT.enriched_max}%）`,
        clause: OPS.confined_space.clause,
      };
    return null;
  }
  if (a.limit === undefined) return { en: `the exposure limit of ${a.substance} is needed to judge it`, zh: `判定需要${a.substance}的职业接触限值`, clause };
  if (a.value > a.limit)
    return {
      en: `${a.substance} at ${a.value} ${a.unit ?? ''} exceeds its exposure limit ${a.limit}`.replace('  ', ' '),
      zh: `${a.substance}浓度${a.value}${a.unit ?? ''}超过职业接触限值${a.limit}`,
      clause,
    };
  return null;
}

/**
 * Checks a permit as filed (before approval): grade, window, people and, for kinds that need them,
 * that gas analyses are complete and pass. Returns every problem, each naming its field; empty: it may
 * be filed.
 */
export function checkPermit(p: PermitFacts): PermitProblem[] {
  const out: PermitProblem[] = [];
  const op = OPS[p.kind];
  const add = (field: string, en: string, zh: string, clause = op.clause, certainty: Certainty = 'P') =>
    out.push({ field, message_en: en, message_zh: zh, clause, certainty });

  // grade: required where the standard grades the kind, and must follow from the height or mass it depends on
  const grade = p.grade ?? null;
  if (op.grades.length && grade === null) add('grade', `${op.name_en} is graded (${op.grades.join(', ')}): give its grade`, `${op.name_zh}须注明级别`);
  if (grade !== null && !op.grades.includes(grade))
    add(
      'grade',
      op.grades.length ? `grade must be one of ${op.grades.join(', ')}` : `${op.name_en} has no grades`,
      op.grades.length ? `级别应为${op.grades.join('、')}之一` : `${op.name_zh}不分级`,
    );
  if (p.kind === 'work_at_height') {
    if (p.height_m === undefined) add('height_m', 'work at height needs its working height', '高处作业须注明作业高度');
    else {
      const g = heightGrade(p.height_m);
      if (g === null) add('height_m', `${p.height_m} m is below 2 m: not work at height`, `作业高度${p.height_m} m低于2 m，不属于高处作业`);
      else if (grade !== null && grade !== g)
        add('grade', `a working height of ${p.height_m} m is grade ${g}, not ${grade}`, `作业高度${p.height_m} m应为${g}级，不是${grade}级`);
    }
  }
  if (p.kind === 'lifting') {
    if (p.mass_t === undefined) add('mass_t', 'lifting needs the mass lifted', '吊装作业须注明吊物质量');
    else {
      const g = liftingGrade(p.mass_t);
      if (grade !== null && grade !== g) add('grade', `lifting ${p.mass_t} t is grade ${g}, not ${grade}`, `吊物质量${p.mass_t} t应为${g}级，不是${grade}级`);
    }
  }
  if (p.kind === 'excavation' && p.depth_m !== undefined && p.depth_m < EXCAVATION_PERMIT_DEPTH_M)
    add(
      'depth_m',
      `${p.depth_m} m is shallower than ${EXCAVATION_PERMIT_DEPTH_M} m: no excavation permit is needed`,
      `深度${p.depth_m} m小于${EXCAVATION_PERMIT_DEPTH_M} m，无须办理动土作业票`,
    );

  // the window
  if (!(p.valid_to > p.valid_from)) add('valid_to', 'the permit must end after it starts', '作业结束时间应晚于开始时间', 'GB 30871-2022 ch. 4');
  else {
    const max = op.max_validity_h[grade ?? '*'] ?? op.max_validity_h['*'];
    const h = hours(p.valid_to - p.valid_from);
    if (max !== undefined && h > max + 1e-9)
      add(
        'valid_to',
        `a ${grade ? `grade-${grade} ` : ''}${op.name_en.toLowerCase()} permit is valid at most ${fmtH(max)} h; this one runs ${fmtH(h)} h`,
        `${grade ? `${gradeZh(grade)}` : ''}${op.name_zh}安全作业票有效期不应超过${fmtH(max)} h，本票为${fmtH(h)} h`,
        op.clause,
        op.validity_certainty,
      );
  }

  // the people: a watcher on every special operation, not one of the workers; approval by others than the applicant
  if (!p.workers.length) add('workers', 'name the workers', '须填写作业人', 'GB 30871-2022 ch. 4');
  if (!p.watcher.trim()) add('watcher', 'every special operation needs a watcher (监护人)', '特殊作业须设监护人', 'GB 30871-2022 ch. 4');
  else if (p.workers.includes(p.watcher)) add('watcher', 'the watcher cannot be one of the workers', '监护人不得同时为作业人', 'GB 30871-2022 ch. 4');
  if (!p.approvers.length) add('approvers', 'name who approves the permit', '须填写审批人', 'GB 30871-2022 ch. 4');
  if (p.approvers.includes(p.applicant))
    add('approvers', 'the applicant cannot approve their own permit', '申请人不得审批本人的作业票', 'GB 30871-2022 ch. 4', 'U');

  // gas analyses: each must pass (their timing is checked when work starts: see checkStart)
  p.gas_analyses.forEach((a, i) => {
    const f = analysisFailure(a, p.kind);
    if (f) add(`gas_analyses.${i}`, f.en, f.zh, f.clause);
  });
  return out;
}

const gradeZh = (g: string) => (g === 'special' ? '特级' : `${'一二三四'[Number(g) - 1] ?? g}级`);

/**
 * Whether work may start (or resume after a pause that began at `paused_since_ms`) at `now_ms`: inside
 * the window, and, for hot work and confined-space entry, with a passing gas analysis taken within the
 * required time before (after a short pause none is needed; after a long one, or one a gas alarm
 * caused, a new one taken after the pause began); for hot work below special grade, not in force-5
 * wind. Empty: it may start.
 */
export function checkStart(
  p: PermitFacts,
  now_ms: number,
  opts: { wind_m_s?: number | null; paused_since_ms?: number | null; gas_alarm?: boolean } = {},
): PermitProblem[] {
  const out: PermitProblem[] = [];
  const op = OPS[p.kind];
  const add = (field: string, en: string, zh: string, clause = op.clause, certainty: Certainty = 'P') =>
    out.push({ field, message_en: en, message_zh: zh, clause, certainty });
  if (now_ms < p.valid_from) add('valid_from', 'the permit’s window has not begun', '未到作业票有效时间', 'GB 30871-2022 ch. 4');
  if (now_ms > p.valid_to) add('valid_to', 'the permit’s window has ended', '作业票已过有效期', 'GB 30871-2022 ch. 4');
  // a short pause needs no new analysis; a longer one, or a pause a gas alarm caused, does (taken after it began)
  const pause = opts.paused_since_ms ?? null;
  const pauseLimit_min = reanalysisAfterPauseMin(p.kind, p.grade ?? null);
  const shortPause = pause !== null && !opts.gas_alarm && pauseLimit_min !== null && now_ms - pause <= pauseLimit_min * 60_000;
  if (op.needs_gas_analysis && !shortPause) {
    const within_min = GAS_ANALYSIS_BEFORE_START_MIN;
    const fresh = p.gas_analyses.filter((a) => a.t <= now_ms && now_ms - a.t <= within_min * 60_000 && (pause === null || a.t >= pause));
    if (!fresh.length)
      add(
        'gas_analyses',
        pause === null
          ? `${op.name_en} may start only after a gas analysis taken within ${within_min} min before`
          : `after a pause of more than ${pauseLimit_min} min${opts.gas_alarm ? ' or a gas alarm' : ''}, work resumes only after a new gas analysis (within ${within_min} min)`,
        pause === null
          ? `${op.name_zh}前${within_min} min内须进行气体分析`
          : `作业中断超过${pauseLimit_min} min${opts.gas_alarm ? '或发生气体报警' : ''}，须重新进行气体分析（${within_min} min内）后方可恢复作业`,
      );
    else {
      const kinds = new Set(fresh.map((a) => a.kind));
      if (!kinds.has('combustible')) add('gas_analyses', 'the analysis must measure combustible gas', '气体分析须包括可燃气体');
      if (p.kind === 'confined_space' && !kinds.has('oxygen'))
        add('gas_analyses', 'a confined space’s analysis must measure oxygen', '受限空间气体分析须包括氧含量', OPS.confined_space.clause);
      for (const a of fresh) {
        const f = analysisFailure(a, p.kind);
        if (f) add('gas_analyses', f.en, f.zh, f.clause);
      }
    }
  }
  if (p.kind === 'hot_work' && p.grade !== 'special' && opts.wind_m_s != null && opts.wind_m_s >= HOT_WORK_WIND_LIMIT_M_S)
    add(
      'grade',
      `wind of ${opts.wind_m_s.toFixed(1)} m/s (force 5 or more): outdoor hot work is not done, or only upgraded one grade`,
      `风速${opts.wind_m_s.toFixed(1)} m/s（五级及以上）：原则上禁止露天动火，确需动火应升级管理`,
    );
  return out;
}
