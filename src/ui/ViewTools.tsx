/**
 * Tools over the plant view: camera presets (whole park, each enterprise, each tank farm), a north
 * arrow that turns with the camera, and a scale bar of a round length.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFeature, ParkModel } from '../model/model.ts';
import { useSelection } from '../state/selection.ts';
import { useCamera, useViewStats } from '../state/camera.ts';
import { displayName } from '../model/names.ts';

/** The largest 1-2-5 × 10ⁿ length that fits in `maxPx` pixels, m. */
export function niceScale(metresPerPixel: number, maxPx = 120): number {
  const max = metresPerPixel * maxPx;
  const p = 10 ** Math.floor(Math.log10(max));
  return [5, 2, 1].map((k) => k * p).find((v) => v <= max) ?? p;
}

export function ViewTools({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const { heading_rad, metresPerPixel } = useViewStats();
  const selectedId = useSelection((s) => s.selectedId);
  const presets = useMemo(() => {
    const b = model.bbox;
    const name = (f: { id: string; props: unknown }) => displayName(f.props, i18n.language, f.id);
    const extentOf = (f: ModelFeature) => {
      const ring = f.local.type === 'Polygon' ? f.local.rings[0] : [];
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 100);
    };
    return [
      {
        key: 'park',
        label: t('tools.wholePark'),
        at: [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2] as const,
        d: Math.max(b.maxX - b.minX, b.maxY - b.minY) * 0.75,
      },
      ...model.ofKind('enterprise').map((e) => ({ key: e.id, label: `${t('kind.enterprise')}: ${name(e)}`, at: e.anchor, d: extentOf(e) * 1.3 })),
      ...model.ofKind('dike').map((d) => ({ key: d.id, label: `${t('tools.tankFarm')}: ${d.id}`, at: d.anchor, d: extentOf(d) * 2 })),
    ];
  }, [model, t, i18n.language]);
  const scale = niceScale(metresPerPixel);
  const px = scale / metresPerPixel;
  return (
    <div className="view-tools">
      <select
        aria-label={t('tools.presets')}
        data-testid="presets"
        value=""
        onChange={(e) => {
          const p = presets.find((x) => x.key === e.target.value);
          if (p) useCamera.getState().flyTo(p.at, p.d);
        }}
      >
        <option value="">{t('tools.presets')}</option>
        {presets.map((p) => (
          <option key={p.key} value={p.key}>
            {p.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        title={t('tools.topDownTitle')}
        data-testid="top-down"
        onClick={() => {
          // over the selection, else the whole park
          const f = selectedId ? model.byId.get(selectedId) : undefined;
          const p = presets[0];
          useCamera.getState().flyTo(f ? f.anchor : p.at, f ? 250 : p.d * 1.4, { topDown: true });
        }}
      >
        {t('tools.topDown')}
      </button>
      <div className="north" title={t('tools.north')} style={{ transform: `rotate(${-heading_rad}rad)` }} data-testid="north-arrow">
        <span>N</span>▲
      </div>
      <div className="scale" data-testid="scale-bar" data-metres={scale}>
        <div className="bar" style={{ width: `${px}px` }} />
        <span>{scale >= 1000 ? `${scale / 1000} km` : `${scale} m`}</span>
      </div>
    </div>
  );
}
