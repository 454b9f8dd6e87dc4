/**
 * The renderer probe (src/scene/gpu.ts), off the page's main thread: the name of the renderer a WebGL
 * context gets here — the first context of a page is the slow one on a software rasteriser.
 */
import { rendererName } from './gpu.ts';

let renderer = '';
try {
  renderer = rendererName(new OffscreenCanvas(1, 1).getContext('webgl2'));
} catch {
  // no WebGL 2 in a worker: the page probes on its own thread
  renderer = '?';
}
postMessage(renderer);
