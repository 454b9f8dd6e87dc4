/**
 * Planner overlay in the plant view: dimension lines between checked pairs (labelled required /
 * actual, coloured by margin), required-distance buffers around the selected installation, and the
 * major hazard units tinted by GB 18218 grade; the risk study's iso-risk lines.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import * as THREE from 'three';
import { useScreenLabels } from '../../scene/plant/screenLabels.tsx';
import type { DistanceCheck } from '../../geo/compliance/distances.ts';
import { footprintOf, nearestPoints, outlineAt, translateFootprint, type Footprint } from '../../geo/footprint.ts';
import type { ParkModel } from '../../model/model.ts';
import { planner, usePlanner } from '../../state/planner.ts';
import { useSelection } from '../../state/selection.ts';
import { useRisk } from '../../state/risk.ts';
import { EditDraft } from './EditDraft.tsx';
import type { Prism } from '../../scene/plant/buildSceneModel.ts';
import { PrismLayer } from '../../scene/plant/layers.tsx';
import { COLORS, marginColor, RISK_SWATCHES } from '../../scene/plant/palette.ts';

const LIFT_m = 4;

function useFootprints() {
  const engine = planner.engine;
  const checks = usePlanner((s) => s.checks); // re-render when checks (and so footprints) change
  // biome-ignore lint/correctness/useExhaustiveDependencies: the engine mutates its footprints in place; `checks` changes whenever they do
  return useMemo(() => {
    const map = new Map<string, Footprint>();
    if (engine) engine.features.forEach((f, i) => map.set(f.id, engine.footprints[i]));
    return map;
  }, [engine, checks]);
}

function DimensionLines({ checks, labelled }: { checks: DistanceCheck[]; labelled: Set<DistanceCheck> }) {
  const { t } = useTranslation();
  const fps = useFootprints();
  const lines = useMemo(
    () =>
      checks.flatMap((c) => {
        const a = fps.get(c.from);
        const b = fps.get(c.to);
        if (!a || !b) return [];
        const [p, q] = nearestPoints(a, b);
        return [{ c, p, q }];
      }),
    [checks, fps],
  );
  // required / actual over the labelled lines (the plant view's DOM label layer)
  const labels = useMemo(
    () =>
      lines
        .filter((l) => labelled.has(l.c))
        .map(({ c, p, q }) => ({
          key: `${c.rule}|${c.from}|${c.to}`,
          position: [(p[0] + q[0]) / 2, LIFT_m * 2, -(p[1] + q[1]) / 2] as const,
          className: 'dim-label',
          // where labels collide: violations first, the larger shortfall first; then the selected feature's pairs
          priority: c.ok ? 200 : 300 + Math.min(99, c.required_m - c.actual_m),
          content: (
            <span style={{ borderColor: marginColor(c) }} data-testid="dim-label" data-pair={`${c.from}|${c.to}`}>
              {t('planner.requiredActual', { required: c.required_m.toFixed(1), actual: c.actual_m.toFixed(1) })}
            </span>
          ),
        })),
    [lines, labelled, t],
  );
  useScreenLabels('dimensions', labels);
  const geometry = useMemo(() => {
    const pos: number[] = [];
    const col: number[] = [];
    const color = new THREE.Color();
    for (const { c, p, q } of lines) {
      pos.push(p[0], LIFT_m, -p[1], q[0], LIFT_m, -q[1]);
      // ticks at both ends make a dimension line
      pos.push(p[0], 0, -p[1], p[0], LIFT_m * 2, -p[1], q[0], 0, -q[1], q[0], LIFT_m * 2, -q[1]);
      color.set(marginColor(c));
      for (let k = 0; k < 6; k++) col.push(color.r, color.g, color.b);
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
    g.setAttribute('color', new THREE.Float32BufferAttribute(col, 3));
    return g;
  }, [lines]);
  return (
    <group>
      <lineSegments geometry={geometry} userData={{ layer: 'planner-dimensions', ids: lines.map((l) => `${l.c.from}|${l.c.to}`) }}>
        <lineBasicMaterial vertexColors depthTest={false} transparent />
      </lineSegments>
    </group>
  );
}

function Buffers({ model, id }: { model: ParkModel; id: string }) {
  const checks = usePlanner((s) => s.checks);
  const offsets = usePlanner((s) => s.offsets);
  const f = model.byId.get(id);
  const distances = useMemo(
    () => [...new Set(checks.filter((c) => c.from === id || c.to === id).map((c) => c.required_m))].sort((a, b) => a - b),
    [checks, id],
  );
  const geometry = useMemo(() => {
    if (!f || distances.length === 0) return null;
    const [dx, dy] = offsets.get(id) ?? [0, 0];
    const pos: number[] = [];
    const fp = translateFootprint(footprintOf(f), dx, dy);
    for (const d of distances) {
      const ring = outlineAt(fp, d, 64);
      for (let i = 0; i + 1 < ring.length; i++) pos.push(ring[i][0], 1, -ring[i][1], ring[i + 1][0], 1, -ring[i + 1][1]);
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
    return g;
  }, [f, distances, offsets, id]);
  if (!geometry) return null;
  return (
    <lineSegments geometry={geometry} userData={{ layer: 'planner-buffers', ids: distances.map(String) }}>
      <lineBasicMaterial color={COLORS.buffer} transparent opacity={0.85} />
    </lineSegments>
  );
}

function GradeTint({ model }: { model: ParkModel }) {
  const units = usePlanner((s) => s.units);
  const byGrade = useMemo(() => {
    const out: Record<number, Prism[]> = { 1: [], 2: [], 3: [], 4: [] };
    for (const u of units) {
      if (u.grade === null) continue;
      const f = model.byId.get(u.unit);
      if (f?.local.type !== 'Polygon') continue;
      out[u.grade].push({ id: u.unit, ring: f.local.rings[0].map((p) => [p[0], -p[1]] as [number, number]), base_m: 0.3, height_m: 0 });
    }
    return out;
  }, [units, model]);
  return (
    <>
      {([1, 2, 3, 4] as const).map((g) => (
        <PrismLayer key={g} prisms={byGrade[g]} layer={`major-hazard-grade-${g}`} color={COLORS.grade[g]} opacity={0.35} walls={false} pickable={false} />
      ))}
    </>
  );
}

/** The risk study's iso-risk lines (GB 36894's levels), coloured by level, a little above the ground. */
function RiskLines({ model }: { model: ParkModel }) {
  const result = useRisk((s) => s.result);
  const layers = useMemo(() => {
    return RISK_SWATCHES.map(([level, color]) => {
      const f = result?.features.find((x) => x.properties?.type === 'iso-risk' && x.properties.level_per_yr === level);
      const lines = f ? (f.geometry as GeoJSON.MultiLineString).coordinates : [];
      const pos: number[] = [];
      for (const line of lines)
        for (let i = 0; i + 1 < line.length; i++) {
          const a = model.frame.toLocal(line[i] as [number, number]);
          const b = model.frame.toLocal(line[i + 1] as [number, number]);
          pos.push(a[0], 2, -a[1], b[0], 2, -b[1]);
        }
      const g = new THREE.BufferGeometry();
      g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
      return { level, color, g, n: lines.length };
    });
  }, [result, model]);
  return (
    <>
      {layers
        .filter((l) => l.n > 0)
        .map((l) => (
          <lineSegments key={l.level} geometry={l.g} userData={{ layer: 'planner:iso-risk', ids: [String(l.level)] }}>
            <lineBasicMaterial color={l.color} depthTest={false} transparent />
          </lineSegments>
        ))}
    </>
  );
}

export function PlannerOverlay({ model }: { model: ParkModel }) {
  const checks = usePlanner((s) => s.checks);
  const selected = useSelection((s) => s.selectedId);
  const shown = useMemo(() => checks.filter((c) => !c.ok || (selected !== null && (c.from === selected || c.to === selected))), [checks, selected]);
  const labelled = useMemo(() => new Set(shown.filter((c) => !c.ok || c.from === selected || c.to === selected).slice(0, 60)), [shown, selected]);
  return (
    <group>
      <GradeTint model={model} />
      <RiskLines model={model} />
      <DimensionLines checks={shown} labelled={labelled} />
      {selected && <Buffers model={model} id={selected} />}
      <EditDraft />
    </group>
  );
}
