/**
 * Placing a drawing in a local construction grid (施工坐标, A/B axes) on the earth from two or more
 * control points — a grid point whose longitude and latitude are known — by the least-squares
 * similarity transform (a shift, a rotation and one scale) from the grid into a local east-north
 * frame at the points' centroid. Each point's residual, in metres, says how well the drawing fits;
 * a fit whose worst residual exceeds the tolerance is refused, naming that point.
 *
 * With centred coordinates (x′, y′) of the grid and (E′, N′) of the control points on the ground:
 *   a = Σ(x′E′ + y′N′) / Σ(x′² + y′²),  b = Σ(x′N′ − y′E′) / Σ(x′² + y′²),
 *   E = a·x − b·y + tE,  N = b·x + a·y + tN;  scale = √(a² + b²), rotation = atan2(b, a).
 */
import { createFrame } from '../geo/primitives/frame.ts';

export interface ControlPoint {
  /** How the point is named in the file (its line number when unnamed). */
  name: string;
  /** Grid coordinates (the drawing's x, y), metres. */
  x: number;
  y: number;
  lon: number;
  lat: number;
}

export interface SimilarityFit {
  /** Grid metres → ground metres. */
  scale: number;
  /** Counter-clockwise from the grid's x axis to east, degrees. */
  rotation_deg: number;
  /** Each point's residual: where the fit puts it against where it is, metres. */
  residuals: { name: string; residual_m: number }[];
  rms_m: number;
  /** Grid (x, y) → WGS 84 (lon, lat). */
  toLonLat(x: number, y: number): [number, number];
}

/** Control points that cannot place the drawing: exit 1 in the CLI, naming the point. */
export class ControlError extends Error {}

/** Reads `x,y,lon,lat[,name]` lines (a header line and `#` comments skipped). */
export function parseControlPoints(text: string): ControlPoint[] {
  const out: ControlPoint[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split(/[,\t;]/).map((c) => c.trim());
    const nums = cells.slice(0, 4).map(Number);
    if (nums.some((n) => !Number.isFinite(n))) {
      if (out.length === 0 && i === 0) return; // a header
      throw new ControlError(`control points, line ${i + 1}: "${line}" is not x,y,lon,lat`);
    }
    const [x, y, lon, lat] = nums;
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new ControlError(`control points, line ${i + 1}: lon ${lon}, lat ${lat} is not on the earth`);
    out.push({ name: cells[4] || `line ${i + 1}`, x, y, lon, lat });
  });
  return out;
}

/** The similarity transform through the control points; refused when a residual exceeds `tolerance_m`. */
export function fitSimilarity(points: readonly ControlPoint[], tolerance_m = 0.5): SimilarityFit {
  if (points.length < 2) throw new ControlError(`a local grid needs at least two control points, not ${points.length}`);
  const lon0 = points.reduce((s, p) => s + p.lon, 0) / points.length;
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const frame = createFrame([lon0, lat0]);
  const ground = points.map((p) => frame.toLocal([p.lon, p.lat]));
  const n = points.length;
  const xc = points.reduce((s, p) => s + p.x, 0) / n;
  const yc = points.reduce((s, p) => s + p.y, 0) / n;
  const Ec = ground.reduce((s, g) => s + g[0], 0) / n;
  const Nc = ground.reduce((s, g) => s + g[1], 0) / n;
  let sxx = 0;
  let sa = 0;
  let sb = 0;
  points.forEach((p, i) => {
    const x = p.x - xc;
    const y = p.y - yc;
    const E = ground[i][0] - Ec;
    const N = ground[i][1] - Nc;
    sxx += x * x + y * y;
    sa += x * E + y * N;
    sb += x * N - y * E;
  });
  if (sxx < 1e-9) throw new ControlError('the control points coincide in the grid: they cannot give a direction or a scale');
  const a = sa / sxx;
  const b = sb / sxx;
  const tE = Ec - (a * xc - b * yc);
  const tN = Nc - (b * xc + a * yc);
  const toGround = (x: number, y: number): [number, number] => [a * x - b * y + tE, b * x + a * y + tN];
  const residuals = points.map((p, i) => {
    const [E, N] = toGround(p.x, p.y);
    return { name: p.name, residual_m: Math.hypot(E - ground[i][0], N - ground[i][1]) };
  });
  const worst = residuals.reduce((w, r) => (r.residual_m > w.residual_m ? r : w), residuals[0]);
  if (worst.residual_m > tolerance_m)
    throw new ControlError(
      `control point ${worst.name} is ${worst.residual_m.toFixed(3)} m off the fit (tolerance ${tolerance_m} m): check its coordinates; residuals ${residuals.map((r) => `${r.name} ${r.residual_m.toFixed(3)} m`).join(', ')}`,
    );
  return {
    scale: Math.hypot(a, b),
    rotation_deg: (Math.atan2(b, a) * 180) / Math.PI,
    residuals,
    rms_m: Math.sqrt(residuals.reduce((s, r) => s + r.residual_m ** 2, 0) / n),
    toLonLat: (x, y) => {
      const ll = frame.toLngLat(toGround(x, y));
      return [ll[0], ll[1]];
    },
  };
}
