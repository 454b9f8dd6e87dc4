/**
 * The F–N curve of a risk study on log–log axes with GB 36894's criterion lines (F = C/N) and
 * the three regions between them shaded; the curve's point nearest the intolerable line ringed.
 * Props in, SVG out: the numbers come from `runRisk` (src/geo/risk/societal.ts).
 */
import { useTranslation } from 'react-i18next';

export interface FnProps {
  curve: { n: number; f_per_yr: number }[];
  worst: { n: number; f_per_yr: number } | null;
  criterion: { intolerable_C: number; acceptable_C: number };
}

const W = 420;
const H = 250;
const L = 54; // left margin for the F labels
const B = 30; // bottom margin for the N labels
const T = 8;
const R = 20;

export function FnChart({ curve, worst, criterion }: FnProps) {
  const { t } = useTranslation();
  // decades: N from 1 to the decade above the largest toll (at least 1000), F over 8 decades down from 1e-2
  const nMax = Math.max(1000, 10 ** Math.ceil(Math.log10(Math.max(1, ...curve.map((p) => p.n)) + 1e-9)));
  const fHi = -2;
  const fLo = Math.min(-10, Math.floor(Math.log10(Math.min(1, ...curve.map((p) => p.f_per_yr)))));
  const x = (n: number) => L + (Math.log10(n) / Math.log10(nMax)) * (W - L - R);
  const y = (f: number) => T + ((fHi - Math.log10(f)) / (fHi - fLo)) * (H - T - B);
  const clampF = (f: number) => Math.min(10 ** fHi, Math.max(10 ** fLo, f));
  const line = (c: number) => `${x(1)},${y(clampF(c))} ${x(nMax)},${y(clampF(c / nMax))}`;
  // the region polygons between the lines, over the plot
  const band = (cTop: number | null, cBottom: number | null) => {
    const top = (n: number) => (cTop === null ? 10 ** fHi : clampF(cTop / n));
    const bottom = (n: number) => (cBottom === null ? 10 ** fLo : clampF(cBottom / n));
    return `${x(1)},${y(top(1))} ${x(nMax)},${y(top(nMax))} ${x(nMax)},${y(bottom(nMax))} ${x(1)},${y(bottom(1))}`;
  };
  // the staircase: F(N) holds from the previous toll (or N = 1) up to each toll, then drops
  const steps: string[] = [];
  let n0 = 1;
  for (const p of curve) {
    steps.push(`${x(n0)},${y(clampF(p.f_per_yr))}`, `${x(p.n)},${y(clampF(p.f_per_yr))}`);
    n0 = p.n;
  }
  if (curve.length) steps.push(`${x(n0)},${y(10 ** fLo)}`);
  const decadesN = Array.from({ length: Math.round(Math.log10(nMax)) + 1 }, (_, k) => 10 ** k);
  const decadesF = Array.from({ length: fHi - fLo + 1 }, (_, k) => 10 ** (fHi - k));
  return (
    <svg width={W} height={H} className="chart fn-chart" data-testid="fn-chart" data-points={curve.length} role="img" aria-label={t('planner.risk.fn.title')}>
      <polygon points={band(null, criterion.intolerable_C)} fill="#e5484d" opacity="0.16" />
      <polygon points={band(criterion.intolerable_C, criterion.acceptable_C)} fill="#f5d90a" opacity="0.12" />
      <polygon points={band(criterion.acceptable_C, null)} fill="#46a758" opacity="0.14" />
      {decadesN.map((n) => (
        <g key={`n${n}`}>
          <line x1={x(n)} x2={x(n)} y1={T} y2={H - B} stroke="#3a4048" />
          <text x={x(n)} y={H - B + 12} fontSize="9" fill="#aab" textAnchor="middle">
            {n}
          </text>
        </g>
      ))}
      {decadesF.map((f, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the decades of the axis are fixed for the chart's life
        <g key={`f${k}`}>
          <line x1={L} x2={W - R} y1={y(f)} y2={y(f)} stroke="#3a4048" />
          {k % 2 === 0 && (
            <text x={L - 4} y={y(f) + 3} fontSize="9" fill="#aab" textAnchor="end">
              {`1e${Math.round(Math.log10(f))}`}
            </text>
          )}
        </g>
      ))}
      <polyline points={line(criterion.intolerable_C)} fill="none" stroke="#e5484d" strokeWidth="1.2" />
      <polyline points={line(criterion.acceptable_C)} fill="none" stroke="#46a758" strokeWidth="1.2" />
      {curve.length > 0 && <polyline points={steps.join(' ')} fill="none" stroke="#6ec6ff" strokeWidth="1.8" data-testid="fn-curve" />}
      {worst && <circle cx={x(worst.n)} cy={y(clampF(worst.f_per_yr))} r="4" fill="none" stroke="#fff" strokeWidth="1.5" />}
      <text x={(L + W - R) / 2} y={H - 3} fontSize="10" fill="#ccd" textAnchor="middle">
        {t('planner.risk.fn.n')}
      </text>
      <text x={10} y={(T + H - B) / 2} fontSize="10" fill="#ccd" textAnchor="middle" transform={`rotate(-90 10 ${(T + H - B) / 2})`}>
        {t('planner.risk.fn.f')}
      </text>
    </svg>
  );
}
