/**
 * Colours of the plant view, in the ISA-101 spirit: a dark, muted base; equipment in greys; colour
 * kept for what needs attention (selection, alarms, permits, hazards).
 */
export const COLORS = {
  background: '#1c2024',
  ground: '#262b30',
  park: '#2e343a',
  enterprise: '#343b42',
  controlLine: '#6b5a3a',
  tankShell: '#b9bec4',
  tankRoof: '#9aa1a8',
  tankDeck: '#7f878f',
  fill: '#868e96',
  sphere: '#c9cdd2',
  lngShell: '#d5d8db',
  vessel: '#a7adb3',
  building: '#8e959c',
  occupied: '#9ba3ab',
  processUnit: '#5d656d',
  dike: '#6f767d',
  road: '#454b51',
  steel: '#78828c',
  pipeline: '#8a9199',
  fence: '#c0c4c8',
  gate: '#e0e3e6',
  flare: '#a0a7ae',
  sensor: '#6f7a84',
  target: '#7d8a97',
  emergency: '#d6dadf',
  hover: '#ffffff',
  violation: '#ff5a52',
  tight: '#f5a524',
  clear: '#5fb37a',
  buffer: '#8fd3ff',
  /** GB 18218 grades in the national warning colours: red, orange, yellow, blue. */
  grade: { 1: '#e5484d', 2: '#f08c2e', 3: '#e8c547', 4: '#4a90d9' },
  selected: '#33c3ff',
  zone: {
    restricted: '#b5523b',
    hazardous_area: '#b08a3e',
    hot_work: '#e0782e',
    confined_space: '#d0a030',
    maintenance: '#7f8fa8',
    hazchem_parking: '#9c6bb0',
    loading: '#8aa0b4',
    assembly_point: '#4a9a62',
  },
} as const;

/** Colour of a distance check by its margin: violation, within 10 % of the limit, or clear. */
export function marginColor(c: { ok: boolean; margin_m: number; required_m: number }): string {
  if (!c.ok) return COLORS.violation;
  if (c.margin_m < 0.1 * c.required_m) return COLORS.tight;
  return COLORS.clear;
}

/** Colours of the iso-risk lines, most tolerable level first (GB 36894's limits, per year). */
export const RISK_SWATCHES: readonly (readonly [number, string])[] = [
  [3e-7, '#42a5f5'],
  [3e-6, '#ffd600'],
  [1e-5, '#ff9100'],
  [3e-5, '#ff1744'],
];
