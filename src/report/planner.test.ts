/**
 * The planner's outputs: the edited layout moves a feature (and its sensors) by exactly the offset,
 * stays valid, and the checks export as GeoJSON dimension lines and CSV.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DistanceEngine } from '../geo/compliance/distances.ts';
import { DEFAULT_RULE_SETS } from '../geo/compliance/ruleSets.ts';
import { loadModel, tankShape, type ModelFeature, type ParkModel } from '../model/model.ts';
import { checksCsv, checksGeoJSON, editedLayout, reportHtml } from './planner.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model: ParkModel = r.model;

describe('planner outputs', () => {
  it('the edited layout moves the tank and its sensors by the offset, and is still valid', () => {
    const layout = editedLayout(model, new Map([['T-PRD-07', [12, -3] as const]]));
    const again = loadModel(layout);
    if (!again.ok) throw new Error(JSON.stringify(again.issues.slice(0, 3)));
    const before = tankShape(model.byId.get('T-PRD-07') as ModelFeature<'tank'>).center;
    const after = tankShape(again.model.byId.get('T-PRD-07') as ModelFeature<'tank'>).center;
    expect(after[0] - before[0]).toBeCloseTo(12, 2);
    expect(after[1] - before[1]).toBeCloseTo(-3, 2);
    const s0 = model.byId.get('T-PRD-07-LT')!.anchor;
    const s1 = again.model.byId.get('T-PRD-07-LT')!.anchor;
    expect(s1[0] - s0[0]).toBeCloseTo(12, 2);
    // everything else untouched
    expect(again.model.byId.get('T-PRD-06')!.feature).toEqual(model.byId.get('T-PRD-06')!.feature);
  });

  it('checks as GeoJSON: a LineString per check whose length is the actual distance', () => {
    const engine = new DistanceEngine(model, DEFAULT_RULE_SETS);
    const checks = engine.run().checks.filter((c) => c.from === 'T-PRD-06' && c.to === 'T-PRD-07');
    const fc = checksGeoJSON(engine, checks);
    expect(fc.features).toHaveLength(checks.length);
    const [a, b] = fc.features[0].geometry.coordinates;
    const pa = model.frame.toLocal(a);
    const pb = model.frame.toLocal(b);
    expect(Math.hypot(pa[0] - pb[0], pa[1] - pb[1])).toBeCloseTo(checks[0].actual_m, 1);
    expect(fc.features[0].properties).toMatchObject({ rule: checks[0].rule, ok: false });
  });

  it('CSV quotes what needs quoting; the HTML report is self-contained', () => {
    const csv = checksCsv([
      { from: 'A', to: 'B', rule: 'r', citation: 'GB 50160, "Table" 4', verified: false, required_m: 10, actual_m: 5, margin_m: -5, ok: false },
    ]);
    expect(csv).toBe('from,to,rule,required_m,actual_m,margin_m,ok,verified,citation\r\nA,B,r,10,5,-5,false,false,"GB 50160, ""Table"" 4"\r\n');
    expect(checksCsv([], 'zh-CN')).toBe('对象一,对象二,规则,要求间距(m),实际间距(m),余量(m),符合,已核实,依据\r\n');
    const html = reportHtml({
      title: 'T <park>',
      generatedAt: 'now',
      ruleSets: ['gb50160'],
      checks: [],
      units: [],
      layout: { findings: [], storage_bases: [], external_safety_methods: [] },
      moved: [],
    });
    expect(html).toContain('<title>T &lt;park&gt;</title>');
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).toContain('<html lang="en">');
  });

  it('the report in Chinese: declared zh-CN, its headings and words Chinese, the findings as the page gives them', () => {
    const engine = new DistanceEngine(model, DEFAULT_RULE_SETS);
    const checks = engine.run().checks;
    const finding = {
      check: 'layout.tank-without-dike',
      severity: 'violation' as const,
      ids: ['T-X'],
      message: 'english',
      citation: 'GB 50160',
      verified: false,
    };
    const html = reportHtml({
      title: '南港',
      generatedAt: 'now',
      ruleSets: ['gb50160'],
      checks,
      units: [],
      layout: { findings: [finding], storage_bases: [], external_safety_methods: [] },
      moved: [],
      lang: 'zh-CN',
      findingText: () => '可燃液体储罐 T-X 未设防火堤',
    });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h2>不符合的间距</h2>');
    expect(html).toContain('<td>不符合</td><td>T-X</td><td>可燃液体储罐 T-X 未设防火堤</td>');
    expect(html).toMatch(/间距检查 \d+ 项，<b>不符合 \d+ 项<\/b>/);
    // besides ids, rule ids, units and standards, no English words in the report's own text
    const own = html.replace(/<[^>]+>/g, ' ').replace(/[\w.-]*\d[\w.-]*|gb\d+[\w.-]*/gi, ' ');
    expect(own).not.toMatch(/\b(Summary|Generated|Distance|violations|Layout|findings|Rule|Required|Actual|Margin|Citation)\b/);
  });
});
