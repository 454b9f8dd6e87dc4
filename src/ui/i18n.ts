/**
 * UI strings in zh-CN (default when the browser asks for Chinese) and English.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const resources = {
  'zh-CN': {
    translation: {
      app: { title: 'parktwin 园区数字孪生', loading: '正在加载园区布局…', loadFailed: '园区布局加载失败' },
      panel: { properties: '属性', close: '关闭', responsible: '三名责任人', principal: '主要负责人', technical: '技术负责人', operational: '操作负责人', noSelection: '点击设施查看详情' },
      counts: { tank: '储罐', building: '建筑', process_unit: '装置', sensor: '传感器', protected_target: '防护目标', pipe_rack: '管廊' },
      lang: { switch: 'English' },
      kind: {
        park: '园区', land_use_control_line: '安全控制线', enterprise: '企业', fence: '围栏', gate: '大门', tank: '储罐', vessel: '容器', process_unit: '生产装置', flare: '火炬', dike: '防火堤', pipe_rack: '管廊', pipeline: '管道', building: '建筑', zone: '区域', protected_target: '防护目标', sensor: '传感器', road: '道路', railway: '铁路', power_line: '电力线', emergency_resource: '应急资源',
      },
    },
  },
  en: {
    translation: {
      app: { title: 'parktwin park digital twin', loading: 'Loading the park layout…', loadFailed: 'Could not load the park layout' },
      panel: { properties: 'Properties', close: 'Close', responsible: 'Responsible persons', principal: 'Principal', technical: 'Technical', operational: 'Operational', noSelection: 'Click an installation for details' },
      counts: { tank: 'Tanks', building: 'Buildings', process_unit: 'Units', sensor: 'Sensors', protected_target: 'Protected targets', pipe_rack: 'Pipe racks' },
      lang: { switch: '中文' },
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
  return i18next.use(initReactI18next).init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
}
