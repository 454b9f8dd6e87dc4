/**
 * The straightforward reference for the view factor of a tilted cylindrical flame (the pool fire
 * leaning in the wind) to a small target facing it squarely: a uniform midpoint grid over the whole
 * side of the flame, `nAround` cells around by `nUp` up, each cell counted only if it faces the
 * target. Slow and plain on purpose — the hazards test checks `flameViewFactor` against it and
 * bench/poolfire times the two side by side.
 */
export function gridViewFactor(
  diameter_m: number,
  length_m: number,
  tilt_rad: number,
  target: readonly [number, number, number],
  nAround: number,
  nUp: number,
): number {
  const [x, y, z] = target;
  const R = diameter_m / 2;
  const H = length_m * Math.cos(tilt_rad);
  const t = Math.tan(tilt_rad);
  const v = [0, 0, 0];
  for (let i = 0; i < nAround; i++) {
    const p = ((i + 0.5) * 2 * Math.PI) / nAround;
    const [c, s] = [Math.cos(p), Math.sin(p)];
    for (let j = 0; j < nUp; j++) {
      const h = ((j + 0.5) * H) / nUp;
      const d = [R * c + h * t - x, R * s - y, h - z];
      // the cell's outward normal is (c, s, −c·tan θ)·R: it faces the target when d points against it
      const e = -(R * c * d[0] + R * s * d[1] - R * c * t * d[2]);
      if (e <= 0) continue;
      const s2 = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
      const w = (e / (Math.PI * s2 * s2)) * ((2 * Math.PI) / nAround) * (H / nUp);
      v[0] += w * d[0];
      v[1] += w * d[1];
      v[2] += w * d[2];
    }
  }
  return Math.hypot(v[0], v[1], v[2]);
}
