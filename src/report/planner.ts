/**
 * The planner's outputs, pure: the edited layout (moved features written back in WGS84), the checks
 * as GeoJSON dimension lines, CSV, and a printable HTML report.
 */
import type { DistanceCheck, DistanceEngine } from '../geo/compliance/distances.ts';
import { nearestPoints } from '../geo/footprint.ts';
import type { LayoutReport } from '../geo/compliance/layoutChecks.ts';
import type { HazardUnit } from '../geo/compliance/majorHazards.ts';
import type { ParkModel } from '../model/model.ts';
import type { Geometry, Layout } from '../model/schema.ts';
import { toCsv } from './csv.ts';

/** Offsets of moved features, local metres (east, north). */
export type Offsets = ReadonlyMap<string, readonly [number, number]>;

/** Features that move with a moved feature: the sensors watching it. */
export function followers(model: ParkModel, id: string): string[] {
  return model
    .ofKind('sensor')
    .filter((s) => s.props.watches === id)
    .map((s) => s.id);
}

/** Every feature's offset, with the sensors of a moved installation moved along. */
export function expandOffsets(model: ParkModel, offsets: Offsets): Map<string, readonly [number, number]> {
  const out = new Map(offsets);
  for (const [id, d] of offsets) for (const s of followers(model, id)) if (!offsets.has(s)) out.set(s, d);
  return out;
}

/** The layout with moved features: coordinates shifted in the local frame and written back in WGS84. */
export function editedLayout(model: ParkModel, offsets: Offsets): Layout {
  const all = expandOffsets(model, offsets);
  const round = (v: number) => Math.round(v * 1e8) / 1e8;
  const move = (c: number[], d: readonly [number, number]) => {
    const p = model.frame.toLocal(c);
    const [lon, lat] = model.frame.toLngLat([p[0] + d[0], p[1] + d[1]]);
    return c.length > 2 ? [round(lon), round(lat), ...c.slice(2)] : [round(lon), round(lat)];
  };
  const features = model.layout.features.map((f) => {
    const d = all.get(f.properties.id);
    if (!d || (d[0] === 0 && d[1] === 0)) return f;
    const g = f.geometry;
    const geometry: Geometry =
      g.type === 'Point'
        ? { type: 'Point', coordinates: move(g.coordinates, d) as typeof g.coordinates }
        : g.type === 'LineString'
          ? { type: 'LineString', coordinates: g.coordinates.map((c) => move(c, d)) as typeof g.coordinates }
          : { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map((c) => move(c, d))) as typeof g.coordinates };
    return { ...f, geometry };
  });
  return { ...model.layout, features: features as Layout['features'] };
}

/** Checks as GeoJSON LineStrings between the closest points of each pair, WGS84. */
export function checksGeoJSON(engine: DistanceEngine, checks: readonly DistanceCheck[]) {
  const index = new Map(engine.features.map((f, i) => [f.id, i]));
  const frame = engine.model.frame;
  return {
    type: 'FeatureCollection' as const,
    features: checks.map((c) => {
      const [a, b] = nearestPoints(engine.footprints[index.get(c.from)!], engine.footprints[index.get(c.to)!]);
      return {
        type: 'Feature' as const,
        geometry: { type: 'LineString' as const, coordinates: [frame.toLngLat(a), frame.toLngLat(b)].map((p) => [p[0], p[1]]) },
        properties: { ...c },
      };
    }),
  };
}

export const CHECK_CSV_COLUMNS = ['from', 'to', 'rule', 'required_m', 'actual_m', 'margin_m', 'ok', 'verified', 'citation'] as const;
/** The CSV header in Chinese (a spreadsheet's users read it; the English header is the column names). */
export const CHECK_CSV_HEADERS_ZH: Record<(typeof CHECK_CSV_COLUMNS)[number], string> = {
  from: '对象一',
  to: '对象二',
  rule: '规则',
  required_m: '要求间距(m)',
  actual_m: '实际间距(m)',
  margin_m: '余量(m)',
  ok: '符合',
  verified: '已核实',
  citation: '依据',
};
export const checksCsv = (checks: readonly DistanceCheck[], lang: 'en' | 'zh-CN' = 'en') =>
  toCsv(checks as unknown as Record<string, unknown>[], CHECK_CSV_COLUMNS as unknown as string[], lang === 'zh-CN' ? CHECK_CSV_HEADERS_ZH : undefined);

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

export interface HtmlReportInput {
  title: string;
  generatedAt: string;
  ruleSets: string[];
  checks: readonly DistanceCheck[];
  units: readonly HazardUnit[];
  layout: LayoutReport;
  moved: string[];
  /** The report's language and its words (English when absent). */
  lang?: 'en' | 'zh-CN';
  words?: ReportWords;
  /** A finding's text in the report's language (the engines' English when absent). */
  findingText?: (f: LayoutReport['findings'][number]) => string;
}

/** The words of the report, in one language. */
export interface ReportWords {
  generated: string;
  by: string;
  ruleSets: string;
  moved: string;
  summary: string;
  summaryLine: (checks: number, violations: number, findings: number, sources: number) => string;
  violations: string;
  none: string;
  findings: string;
  check: string;
  severity: string;
  severityName: Record<'violation' | 'warning' | 'info', string>;
  features: string;
  finding: string;
  citation: string;
  hazards: string;
  unit: string;
  grade: string;
  population: string;
  plant: (enterprise: string) => string;
  outline: string;
  substances: string;
  allChecks: string;
  rulesCited: string;
  from: string;
  to: string;
  rule: string;
  required: string;
  actual: string;
  margin: string;
  unverified: string;
}

export const REPORT_WORDS: Record<'en' | 'zh-CN', ReportWords> = {
  en: {
    generated: 'Generated',
    by: 'by parktwin',
    ruleSets: 'rule sets',
    moved: 'moved in this session',
    summary: 'Summary',
    summaryLine: (c, v, f, s) => `${c} distance checks, <b>${v} violations</b>; ${f} layout findings; ${s} major hazard sources.`,
    violations: 'Distance violations',
    none: 'None.',
    findings: 'Layout findings',
    check: 'Check',
    severity: 'Severity',
    severityName: { violation: 'violation', warning: 'warning', info: 'info' },
    features: 'Features',
    finding: 'Finding',
    citation: 'Citation',
    hazards: 'Major hazard sources (GB 18218-2018)',
    unit: 'Unit',
    grade: 'Grade',
    population: 'Population ≤ 500 m of',
    plant: (e) => `the plant boundary of ${e}`,
    outline: 'the unit outline (no enterprise)',
    substances: 'Substances (q / Q, β: basis)',
    allChecks: 'All distance checks',
    rulesCited: 'Rules cited',
    from: 'From',
    to: 'To',
    rule: 'Rule',
    required: 'Required (m)',
    actual: 'Actual (m)',
    margin: 'Margin (m)',
    unverified: 'unverified',
  },
  'zh-CN': {
    generated: '生成于',
    by: '（parktwin）',
    ruleSets: '规则集',
    moved: '本次调整的对象',
    summary: '概要',
    summaryLine: (c, v, f, s) => `间距检查 ${c} 项，<b>不符合 ${v} 项</b>；布局问题 ${f} 项；重大危险源 ${s} 个。`,
    violations: '不符合的间距',
    none: '无。',
    findings: '布局检查问题',
    check: '检查项',
    severity: '严重程度',
    severityName: { violation: '不符合', warning: '警示', info: '提示' },
    features: '对象',
    finding: '问题',
    citation: '依据',
    hazards: '重大危险源（GB 18218-2018）',
    unit: '单元',
    grade: '级别',
    population: '500 m 内人口（起算边界）',
    plant: (e) => `${e} 厂区边界`,
    outline: '单元边界（不属于企业）',
    substances: '危险化学品（q / Q，β：依据）',
    allChecks: '全部间距检查',
    rulesCited: '引用的规则',
    from: '对象一',
    to: '对象二',
    rule: '规则',
    required: '要求 (m)',
    actual: '实际 (m)',
    margin: '余量 (m)',
    unverified: '未核实',
  },
};

/** A self-contained, printable HTML report (no scripts, no external resources). */
export function reportHtml(r: HtmlReportInput): string {
  const lang = r.lang ?? 'en';
  const w = r.words ?? REPORT_WORDS[lang];
  const text = r.findingText ?? ((f: LayoutReport['findings'][number]) => f.message);
  const bad = r.checks.filter((c) => !c.ok);
  const row = (c: DistanceCheck) =>
    `<tr class="${c.ok ? 'ok' : 'bad'}"><td>${esc(c.from)}</td><td>${esc(c.to)}</td><td>${esc(c.rule)}${c.verified ? '' : ` <i>(${esc(w.unverified)})</i>`}</td><td class="n">${c.required_m.toFixed(2)}</td><td class="n">${c.actual_m.toFixed(2)}</td><td class="n">${c.margin_m.toFixed(2)}</td></tr>`;
  const table = (rows: readonly DistanceCheck[]) =>
    `<table><thead><tr><th>${esc(w.from)}</th><th>${esc(w.to)}</th><th>${esc(w.rule)}</th><th>${esc(w.required)}</th><th>${esc(w.actual)}</th><th>${esc(w.margin)}</th></tr></thead><tbody>${rows.map(row).join('')}</tbody></table>`;
  const citations = [...new Map(r.checks.map((c) => [c.rule, c.citation])).entries()];
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#111}
h1{font-size:20px}h2{font-size:16px;margin-top:24px;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;font-size:12px}td,th{border:1px solid #bbb;padding:3px 6px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.bad td{background:#fde2e1}
.meta{color:#555;font-size:12px}@media print{body{margin:0}h2{page-break-after:avoid}}
</style></head><body>
<h1>${esc(r.title)}</h1>
<p class="meta">${esc(w.generated)} ${esc(r.generatedAt)} ${esc(w.by)} · ${esc(w.ruleSets)}: ${esc(r.ruleSets.join(', '))}${r.moved.length ? ` · ${esc(w.moved)}: ${esc(r.moved.join(', '))}` : ''}</p>
<h2>${esc(w.summary)}</h2>
<p>${w.summaryLine(r.checks.length, bad.length, r.layout.findings.length, r.units.filter((u) => u.grade !== null).length)}</p>
<h2>${esc(w.violations)}</h2>${bad.length ? table(bad) : `<p>${esc(w.none)}</p>`}
<h2>${esc(w.findings)}</h2>
<table><thead><tr><th>${esc(w.check)}</th><th>${esc(w.severity)}</th><th>${esc(w.features)}</th><th>${esc(w.finding)}</th><th>${esc(w.citation)}</th></tr></thead><tbody>
${r.layout.findings.map((f) => `<tr class="${f.severity === 'violation' ? 'bad' : ''}"><td>${esc(f.check)}</td><td>${esc(w.severityName[f.severity])}</td><td>${esc(f.ids.join(', '))}</td><td>${esc(text(f))}</td><td>${esc(f.citation)}</td></tr>`).join('')}
</tbody></table>
<h2>${esc(w.hazards)}</h2>
<table><thead><tr><th>${esc(w.unit)}</th><th>${esc(w.grade)}</th><th>S</th><th>R</th><th>α</th><th>${esc(w.population)}</th><th>${esc(w.substances)}</th></tr></thead><tbody>
${r.units
  .filter((u) => u.grade !== null)
  .map(
    (u) =>
      `<tr><td>${esc(u.unit)}</td><td>${u.grade}</td><td class="n">${u.S}</td><td class="n">${u.R}</td><td class="n">${u.alpha}</td><td class="n">${u.population_500m} · ${esc(u.enterprise ? w.plant(u.enterprise) : w.outline)}</td><td>${esc(u.substances.map((s) => `${s.substance} ${s.q_t} t / ${s.Q_t} t, β ${s.beta}: ${s.basis}`).join('; '))}</td></tr>`,
  )
  .join('')}
</tbody></table>
<h2>${esc(w.allChecks)}</h2>${table(r.checks)}
<h2>${esc(w.rulesCited)}</h2><ul>${citations.map(([id, c]) => `<li><b>${esc(id)}</b>: ${esc(c)}</li>`).join('')}</ul>
</body></html>
`;
}
