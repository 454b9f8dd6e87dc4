/**
 * The renderer probe (src/scene/gpu.ts), off the page's main thread: the name of the renderer a WebGL
 * context gets here — the first context of a page is the slow one on a software rasteriser.
 */
let renderer = '';
try {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
} catch {
  // no WebGL 2 in a worker: the page probes on its own thread
  renderer = '?';
}
postMessage(renderer);
