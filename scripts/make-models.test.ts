/**
 * The glTF models: the committed files are what the script makes, and three's GLTFLoader reads
 * each one into a mesh of plausible size (metres) and low triangle count.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { describe, expect, it } from 'vitest';
import { MODELS, toGlb } from './make-models.ts';

const dir = path.join(import.meta.dirname, '..', 'public', 'models');
const SIZE_m: Record<string, [number, number]> = { person: [0.3, 2], car: [3.5, 5], 'truck-goods': [8, 12], 'truck-hazchem': [8, 12], 'fire-engine': [7, 11] };

describe('public/models', () => {
  for (const name of Object.keys(MODELS)) {
    it(`${name}.glb is the script's output and loads with GLTFLoader`, async () => {
      const file = readFileSync(path.join(dir, `${name}.glb`));
      expect(Buffer.from(toGlb(MODELS[name](), name)).equals(file)).toBe(true);
      const ab = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
      const gltf = await new GLTFLoader().parseAsync(ab, '');
      const bbox = new THREE.Box3().setFromObject(gltf.scene);
      const size = bbox.getSize(new THREE.Vector3());
      const length = Math.max(size.x, size.z);
      expect(length).toBeGreaterThanOrEqual(SIZE_m[name][0]);
      expect(length).toBeLessThanOrEqual(SIZE_m[name][1]);
      expect(bbox.min.y).toBeCloseTo(0, 1); // stands on the ground
      let triangles = 0;
      gltf.scene.traverse((o) => {
        if ((o as THREE.Mesh).isMesh) triangles += ((o as THREE.Mesh).geometry.index?.count ?? 0) / 3;
      });
      expect(triangles).toBeGreaterThan(10);
      expect(triangles).toBeLessThan(2000);
    });
  }
});
