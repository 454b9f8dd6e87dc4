/**
 * Batched geometry: many prisms or ribbons merged into one BufferGeometry (one draw call), with a
 * per-vertex `fid` attribute that maps a picked triangle back to its feature.
 */
import * as THREE from 'three';
import type { Prism, Ribbon } from './buildSceneModel.ts';

export interface Batched {
  geometry: THREE.BufferGeometry;
  /** Feature ids by fid. */
  ids: string[];
}

function batched(pos: number[], fid: number[], idx: number[], ids: string[]): Batched {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
  g.setAttribute('fid', new THREE.Float32BufferAttribute(fid, 1));
  g.setIndex(idx);
  g.computeVertexNormals();
  g.computeBoundingSphere();
  return { geometry: g, ids };
}

/** Extruded prisms (walls + top cap; the base is on the ground and never seen). */
export function prismsGeometry(prisms: readonly Prism[], opts: { walls?: boolean; cap?: boolean } = {}): Batched {
  const walls = opts.walls ?? true;
  const cap = opts.cap ?? true;
  const pos: number[] = [];
  const fid: number[] = [];
  const idx: number[] = [];
  const ids: string[] = [];
  prisms.forEach((p, k) => {
    ids.push(p.id);
    const ring = p.ring[0][0] === p.ring[p.ring.length - 1][0] && p.ring[0][1] === p.ring[p.ring.length - 1][1] ? p.ring.slice(0, -1) : p.ring;
    const y0 = p.base_m;
    const y1 = p.base_m + p.height_m;
    if (walls && p.height_m > 0) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        const v = pos.length / 3;
        pos.push(a[0], y0, a[1], b[0], y0, b[1], b[0], y1, b[1], a[0], y1, a[1]);
        fid.push(k, k, k, k);
        idx.push(v, v + 1, v + 2, v, v + 2, v + 3); // one side; materials are double-sided
      }
    }
    if (cap) {
      const contour = ring.map(([x, z]) => new THREE.Vector2(x, z));
      const tris = THREE.ShapeUtils.triangulateShape(contour, []);
      const v = pos.length / 3;
      for (const [x, z] of ring) {
        pos.push(x, y1, z);
        fid.push(k);
      }
      for (const t of tris) {
        const [a, b, c] = [ring[t[0]], ring[t[1]], ring[t[2]]];
        // wind so that the face normal points up (+y)
        const up = (b[1] - a[1]) * (c[0] - a[0]) - (b[0] - a[0]) * (c[1] - a[1]) > 0;
        if (up) idx.push(v + t[0], v + t[1], v + t[2]);
        else idx.push(v + t[0], v + t[2], v + t[1]);
      }
    }
  });
  return batched(pos, fid, idx, ids);
}

/** Flat strips along polylines at their elevation (and one strip per tier below it for racks). */
export function ribbonsGeometry(ribbons: readonly Ribbon[], tierSpacing_m = 2.2, lift_m = 0.05): Batched {
  const pos: number[] = [];
  const fid: number[] = [];
  const idx: number[] = [];
  const ids: string[] = [];
  ribbons.forEach((r, k) => {
    ids.push(r.id);
    const hw = r.width_m / 2;
    for (let t = 0; t < r.tiers; t++) {
      const y = Math.max(lift_m, r.elevation_m - t * tierSpacing_m);
      for (let i = 0; i + 1 < r.path.length; i++) {
        const [ax, az] = r.path[i];
        const [bx, bz] = r.path[i + 1];
        const len = Math.hypot(bx - ax, bz - az);
        if (len === 0) continue;
        const nx = (-(bz - az) / len) * hw;
        const nz = ((bx - ax) / len) * hw;
        const v = pos.length / 3;
        pos.push(ax + nx, y, az + nz, bx + nx, y, bz + nz, bx - nx, y, bz - nz, ax - nx, y, az - nz);
        fid.push(k, k, k, k);
        // (ax+n, bx+n, bx-n): normal up when n is to the left of travel in the x–z plane
        idx.push(v, v + 2, v + 1, v, v + 3, v + 2);
      }
    }
  });
  return batched(pos, fid, idx, ids);
}

/** Vertical posts every `spacing_m` along raised ribbons (pipe-rack bents), as instance matrices. */
export function rackBents(ribbons: readonly Ribbon[], spacing_m = 8): { matrices: Float32Array; count: number; ids: string[] } {
  const mats: number[] = [];
  const ids: string[] = [];
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const p = new THREE.Vector3();
  const up = new THREE.Vector3(0, 1, 0);
  for (const r of ribbons) {
    for (let i = 0; i + 1 < r.path.length; i++) {
      const [ax, az] = r.path[i];
      const [bx, bz] = r.path[i + 1];
      const len = Math.hypot(bx - ax, bz - az);
      const n = Math.max(1, Math.floor(len / spacing_m));
      const yaw = Math.atan2(-(bz - az), bx - ax);
      q.setFromAxisAngle(up, yaw + Math.PI / 2);
      for (let j = 0; j <= n; j++) {
        const t = j / n;
        p.set(ax + (bx - ax) * t, r.elevation_m / 2, az + (bz - az) * t);
        s.set(r.width_m, r.elevation_m, 0.4);
        m.compose(p, q, s);
        mats.push(...m.elements);
        ids.push(r.id);
      }
    }
  }
  return { matrices: new Float32Array(mats), count: ids.length, ids };
}
