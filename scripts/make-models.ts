/**
 * Makes the small glTF models of public/models (npm run models): people, cars, goods and hazchem
 * trucks, fire engines — low-poly, a few hundred triangles each, metres, +x forward, +y up, origin
 * on the ground at the centre. Built from three.js primitives and written as GLB by a minimal
 * writer (positions, normals, indices, one material per colour).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

type Part = { geometry: THREE.BufferGeometry; color: string };

const box = (w: number, h: number, d: number, x: number, y: number, z: number, color: string): Part => ({
  geometry: new THREE.BoxGeometry(w, h, d).translate(x, y + h / 2, z),
  color,
});
const cyl = (r: number, len: number, x: number, y: number, z: number, color: string, axis: 'x' | 'y' | 'z' = 'y', seg = 12): Part => {
  const g = new THREE.CylinderGeometry(r, r, len, seg);
  if (axis === 'x') g.rotateZ(Math.PI / 2);
  if (axis === 'z') g.rotateX(Math.PI / 2);
  return { geometry: g.translate(x, y, z), color };
};
const wheels = (xs: number[], halfTrack: number, r: number): Part[] =>
  xs.flatMap((x) => [cyl(r, 0.3, x, r, halfTrack, '#222222', 'z'), cyl(r, 0.3, x, r, -halfTrack, '#222222', 'z')]);

export const MODELS: Record<string, () => Part[]> = {
  person: () => [
    box(0.36, 0.85, 0.22, 0, 0, 0, '#34495e'), // legs
    box(0.46, 0.6, 0.26, 0, 0.85, 0, '#f39c12'), // high-visibility jacket
    { geometry: new THREE.SphereGeometry(0.12, 12, 8).translate(0, 1.6, 0), color: '#f1c27d' },
    { geometry: new THREE.SphereGeometry(0.14, 12, 6, 0, Math.PI * 2, 0, Math.PI / 2).translate(0, 1.66, 0), color: '#f5f5f5' }, // helmet
  ],
  car: () => [box(4.3, 0.7, 1.8, 0, 0.35, 0, '#7f8c8d'), box(2.2, 0.55, 1.6, -0.2, 1.05, 0, '#95a5a6'), ...wheels([-1.4, 1.4], 0.8, 0.33)],
  'truck-goods': () => [
    box(2.0, 1.9, 2.4, 3.6, 0.55, 0, '#2c7fb8'),
    box(7.0, 2.6, 2.5, -1.2, 0.9, 0, '#bdc3c7'),
    box(9.8, 0.35, 2.3, 0, 0.55, 0, '#333333'),
    ...wheels([3.6, -2.0, -3.4], 1.0, 0.5),
  ],
  'truck-hazchem': () => [
    box(2.0, 1.9, 2.4, 3.8, 0.55, 0, '#e67e22'),
    cyl(1.2, 7.2, -1.0, 2.15, 0, '#ecf0f1', 'x', 16), // tank barrel
    box(0.05, 0.5, 0.7, -4.65, 1.9, 0, '#f39c12'), // orange hazard plate at the rear
    box(10.0, 0.35, 2.3, 0, 0.55, 0, '#333333'),
    ...wheels([3.8, -2.4, -3.6], 1.0, 0.5),
  ],
  'fire-engine': () => [
    box(2.2, 2.0, 2.5, 3.4, 0.55, 0, '#c0392b'),
    box(6.0, 2.4, 2.5, -1.2, 0.7, 0, '#e74c3c'),
    cyl(0.12, 4.5, -1.2, 3.3, 0, '#bdc3c7', 'x'), // ladder / monitor boom
    box(0.5, 0.2, 1.2, 3.4, 2.55, 0, '#3498db'), // light bar
    ...wheels([3.4, -2.0, -3.2], 1.0, 0.5),
  ],
};

const pad4 = (n: number) => (n + 3) & ~3;

/** Writes parts (merged by colour) as a binary glTF 2.0 file. */
export function toGlb(parts: Part[], name: string): Uint8Array {
  const byColor = new Map<string, THREE.BufferGeometry[]>();
  for (const p of parts) {
    const g = p.geometry.index ? p.geometry.toNonIndexed() : p.geometry;
    g.deleteAttribute('uv');
    byColor.set(p.color, [...(byColor.get(p.color) ?? []), g]);
  }
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const bufferViews: object[] = [];
  const accessors: object[] = [];
  const materials: object[] = [];
  const primitives: object[] = [];
  const push = (data: Float32Array | Uint16Array, target: number) => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const padded = new Uint8Array(pad4(bytes.length));
    padded.set(bytes);
    bufferViews.push({ buffer: 0, byteOffset: offset, byteLength: bytes.length, target });
    chunks.push(padded);
    offset += padded.length;
    return bufferViews.length - 1;
  };
  for (const [color, geoms] of byColor) {
    const g = mergeGeometries(geoms)!;
    g.computeVertexNormals();
    const pos = g.getAttribute('position').array as Float32Array;
    const nor = g.getAttribute('normal').array as Float32Array;
    const count = pos.length / 3;
    const idx = new Uint16Array(count).map((_, i) => i);
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < pos.length; i += 3) for (let k = 0; k < 3; k++) (min[k] = Math.min(min[k], pos[i + k])), (max[k] = Math.max(max[k], pos[i + k]));
    accessors.push({ bufferView: push(new Float32Array(pos), 34962), componentType: 5126, count, type: 'VEC3', min, max });
    accessors.push({ bufferView: push(new Float32Array(nor), 34962), componentType: 5126, count, type: 'VEC3' });
    accessors.push({ bufferView: push(idx, 34963), componentType: 5123, count, type: 'SCALAR' });
    const c = new THREE.Color(color);
    materials.push({ name: color, pbrMetallicRoughness: { baseColorFactor: [c.r, c.g, c.b, 1], metallicFactor: 0.1, roughnessFactor: 0.8 } });
    primitives.push({
      attributes: { POSITION: accessors.length - 3, NORMAL: accessors.length - 2 },
      indices: accessors.length - 1,
      material: materials.length - 1,
    });
  }
  const json = {
    asset: { version: '2.0', generator: 'parktwin scripts/make-models.ts' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, name }],
    meshes: [{ name, primitives }],
    materials,
    accessors,
    bufferViews,
    buffers: [{ byteLength: offset }],
  };
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonLen = pad4(jsonBytes.length);
  const total = 12 + 8 + jsonLen + 8 + offset;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x46546c67, true); // 'glTF'
  dv.setUint32(4, 2, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonLen, true);
  dv.setUint32(16, 0x4e4f534a, true); // 'JSON'
  out.fill(0x20, 20, 20 + jsonLen);
  out.set(jsonBytes, 20);
  let p = 20 + jsonLen;
  dv.setUint32(p, offset, true);
  dv.setUint32(p + 4, 0x004e4942, true); // 'BIN'
  p += 8;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const dir = path.join(import.meta.dirname, '..', 'public', 'models');
  mkdirSync(dir, { recursive: true });
  for (const [name, make] of Object.entries(MODELS)) {
    const glb = toGlb(make(), name);
    writeFileSync(path.join(dir, `${name}.glb`), glb);
    process.stderr.write(`wrote public/models/${name}.glb (${glb.length} bytes)\n`);
  }
}
