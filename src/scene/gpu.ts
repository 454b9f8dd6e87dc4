/**
 * Whether the page draws with a software rasteriser (SwiftShader, llvmpipe — headless test machines,
 * some remote desktops), which pays dearly for multisampling where a GPU does not: the plant view
 * turns antialiasing off there. Probed once, in a worker (gpu.worker.ts) started by the entry script:
 * a page's first WebGL context costs a few hundred milliseconds on a software rasteriser, spent there
 * while the app's code loads rather than in front of the first frame. Where a worker cannot make a
 * WebGL context, the page probes on its own thread.
 */
const SOFTWARE = /swiftshader|llvmpipe|software/i;

let known: boolean | undefined;
let probe: Promise<boolean> | null = null;

/** The renderer a WebGL context draws with ('' when the browser does not say); the worker's probe too. */
export function rendererName(gl: WebGL2RenderingContext | null): string {
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
}

/** Probes on the page's thread (the fallback). */
function probeHere(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    const name = rendererName(gl);
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE.test(name);
  } catch {
    return false;
  }
}

/** Starts the probe (once). */
export function startGpuProbe(): Promise<boolean> {
  probe ??= new Promise<string>((resolve) => {
    try {
      const worker = new Worker(new URL('./gpu.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e) => (worker.terminate(), resolve(String(e.data)));
      worker.onerror = () => (worker.terminate(), resolve('?'));
    } catch {
      resolve('?');
    }
  }).then((name) => (known = name === '?' ? probeHere() : SOFTWARE.test(name)));
  return probe;
}

/** The probe's answer when it has come (undefined before). */
export const softwareRendererKnown = (): boolean | undefined => known;
