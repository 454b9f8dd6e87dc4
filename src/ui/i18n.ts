/**
 * UI strings in zh-CN (default when the browser asks for Chinese) and English.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { liveStrings } from './i18nLive.ts';

export const resources = {
  'zh-CN': {
    translation: {
      app: { title: 'parktwin 园区数字孪生', loading: '正在加载园区布局…', loadFailed: '园区布局加载失败' },
      panel: { properties: '属性', close: '关闭', responsible: '三名责任人', principal: '主要负责人', technical: '技术负责人', operational: '操作负责人', noSelection: '点击设施查看详情', flyTo: '定位', majorHazard: '重大危险源辨识 (GB 18218)', unit: '单元', grade: '级别', notMajor: '未构成重大危险源', population500: '500 m 内 {{n}} 人' },
      counts: { tank: '储罐', building: '建筑', process_unit: '装置', sensor: '传感器', protected_target: '防护目标', pipe_rack: '管廊' },
      lang: { switch: 'English' },
      mode: { twin: '孪生', planner: '规划校核' },
      view: { plant: '三维厂区', geo: '地球', split: '分屏' },
      tools: { presets: '视角预设', wholePark: '全园区', tankFarm: '罐区', north: '正北' },
      planner: {
        summary: '{{checks}} 项间距校核，{{violations}} 项不满足',
        undo: '撤销',
        save: '保存布局',
        export: '导出报告',
        reportTitle: '安全距离校核报告',
        filter: '按编号或规则筛选',
        onlyViolations: '仅显示不满足项',
        more: '另有 {{n}} 项未显示，请筛选',
        unverifiedNote: '* 标注的规则数值尚未与标准原文核对',
        requiredActual: '要求 {{required}} m / 实际 {{actual}} m',
        grade: '{{g}} 级',
        tab: { checks: '间距校核', hazards: '重大危险源', findings: '布局与封闭化', risk: '定量风险' },
        risk: {
          load: '载入风险研究文件（JSON）',
          hint: '情景及其年频率、气象类别与风玫瑰，格式见 docs/risk.md，示例 examples/risk-demo.json',
          running: '正在计算 {{name}} 的个人风险…',
          done: '{{name}}：{{over}} / {{count}} 个防护目标超出 GB 36894 个人风险基准（{{status}}）',
          status: { new: '新建装置', existing: '在役装置' },
          export: '导出 GeoJSON',
          clear: '清除',
          col: { target: '防护目标', category: '类别', risk: '个人风险 /年', limit: '基准 /年' },
          levels: '等值线：',
          category: { high_sensitivity: '高敏感防护目标', important: '重要防护目标', general_1: '一般防护目标一类', general_2: '一般防护目标二类', general_3: '一般防护目标三类' },
          fn: {
            title: '社会风险（F–N 曲线）',
            n: '死亡人数 N',
            f: '累积频率 F /年',
            region: { intolerable: '不可接受区', alarp: '尽可能降低区（ALARP）', acceptable: '可接受区' },
            verdict: '周边 {{people}} 人的社会风险：{{region}}',
            worst: '最接近不可接受线处 N ≥ {{n}}：F = {{f}} /年，为该线的 {{ratio}} 倍；主要来自 {{drivers}}',
            among: '该处死亡主要在：{{groups}}',
            pll: '潜在生命损失 {{pll}} 人/年；单一事故结果最多 {{max}} 人死亡',
            none: '周边 {{people}} 人中，没有任何事故结果导致 1 人及以上死亡。',
            unverified: '判据线 F = 10⁻³/N 与 10⁻⁵/N 按 GB 36894-2018 图 2 的通行引用取值，尚未与标准原文核对。',
          },
        },
        col: { from: '设施', to: '对象', rule: '规则', required: '要求 (m)', actual: '实际 (m)', margin: '余量 (m)', unit: '单元', grade: '级别' },
      },

      kind: {
        park: '园区', land_use_control_line: '安全控制线', enterprise: '企业', fence: '围栏', gate: '大门', tank: '储罐', vessel: '容器', process_unit: '生产装置', flare: '火炬', dike: '防火堤', pipe_rack: '管廊', pipeline: '管道', building: '建筑', zone: '区域', protected_target: '防护目标', sensor: '传感器', road: '道路', railway: '铁路', power_line: '电力线', emergency_resource: '应急资源',
      },
    },
  },
  en: {
    translation: {
      app: { title: 'parktwin park digital twin', loading: 'Loading the park layout…', loadFailed: 'Could not load the park layout' },
      panel: { properties: 'Properties', close: 'Close', responsible: 'Responsible persons', principal: 'Principal', technical: 'Technical', operational: 'Operational', noSelection: 'Click an installation for details', flyTo: 'Fly to', majorHazard: 'Major hazard (GB 18218)', unit: 'Unit', grade: 'Grade', notMajor: 'not a major hazard source', population500: '{{n}} people within 500 m' },
      counts: { tank: 'Tanks', building: 'Buildings', process_unit: 'Units', sensor: 'Sensors', protected_target: 'Protected targets', pipe_rack: 'Pipe racks' },
      lang: { switch: '中文' },
      mode: { twin: 'Twin', planner: 'Planner' },
      view: { plant: 'Plant', geo: 'Globe', split: 'Split' },
      tools: { presets: 'Camera presets', wholePark: 'Whole park', tankFarm: 'Tank farm', north: 'North' },
      planner: {
        summary: '{{checks}} distance checks, {{violations}} violations',
        undo: 'Undo',
        save: 'Save layout',
        export: 'Export report',
        reportTitle: 'Safety distance report',
        filter: 'Filter by id or rule',
        onlyViolations: 'Violations only',
        more: '{{n}} more not shown: filter to narrow',
        unverifiedNote: '* rule values not yet confirmed against the standard',
        requiredActual: 'required {{required}} m / actual {{actual}} m',
        grade: 'grade {{g}}',
        tab: { checks: 'Distances', hazards: 'Major hazards', findings: 'Layout & enclosure', risk: 'Risk (QRA)' },
        risk: {
          load: 'Load a risk study (JSON)',
          hint: 'scenarios with yearly frequencies, weather classes and wind rose — format in docs/risk.md, example examples/risk-demo.json',
          running: 'Summing the individual risk of {{name}}…',
          done: '{{name}}: {{over}} of {{count}} protected targets over the GB 36894 limit ({{status}})',
          status: { new: 'new installations', existing: 'existing installations' },
          export: 'Export GeoJSON',
          clear: 'Clear',
          col: { target: 'Protected target', category: 'Category', risk: 'Risk /yr', limit: 'Limit /yr' },
          levels: 'Iso-risk lines:',
          category: { high_sensitivity: 'high-sensitivity', important: 'important', general_1: 'general, class 1', general_2: 'general, class 2', general_3: 'general, class 3' },
          fn: {
            title: 'Societal risk (F–N curve)',
            n: 'N, deaths',
            f: 'F, per year (N or more)',
            region: { intolerable: 'intolerable', alarp: 'as low as reasonably practicable (ALARP)', acceptable: 'acceptable' },
            verdict: 'Societal risk among the {{people}} people around: {{region}}',
            worst: 'Nearest the intolerable line at N ≥ {{n}}: F = {{f}}/yr, {{ratio}} of it; mostly {{drivers}}',
            among: 'Most of the deaths there among {{groups}}',
            pll: 'Potential loss of life {{pll}} deaths/yr; at most {{max}} deaths in one outcome',
            none: 'No outcome kills one person or more among the {{people}} people around.',
            unverified: 'Criterion lines F = 10⁻³/N and 10⁻⁵/N as GB 36894-2018 Figure 2 is commonly quoted; not yet checked against the standard.',
          },
        },
        col: { from: 'From', to: 'To', rule: 'Rule', required: 'Required (m)', actual: 'Actual (m)', margin: 'Margin (m)', unit: 'Unit', grade: 'Grade' },
      },

      kind: {
        park: 'Park', land_use_control_line: 'Land-use control line', enterprise: 'Enterprise', fence: 'Fence', gate: 'Gate', tank: 'Tank', vessel: 'Vessel', process_unit: 'Process unit', flare: 'Flare', dike: 'Dike', pipe_rack: 'Pipe rack', pipeline: 'Pipeline', building: 'Building', zone: 'Zone', protected_target: 'Protected target', sensor: 'Sensor', road: 'Road', railway: 'Railway', power_line: 'Power line', emergency_resource: 'Emergency resource',
      },
    },
  },
} as const;

/** Chinese unless the URL (?lang=en) or the browser asks for something else. */
export function initialLanguage(search: string, browserLanguages: readonly string[]): 'zh-CN' | 'en' {
  const q = new URLSearchParams(search).get('lang');
  if (q === 'en' || q === 'zh-CN') return q;
  const first = browserLanguages[0] ?? 'zh-CN';
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : browserLanguages.length ? 'en' : 'zh-CN';
}

export function initI18n(lng: 'zh-CN' | 'en') {
  const all = { 'zh-CN': { translation: { ...resources['zh-CN'].translation, ...liveStrings['zh-CN'] } }, en: { translation: { ...resources.en.translation, ...liveStrings.en } } };
  return i18next.use(initReactI18next).init({ resources: all, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
}
