/**
 * The page's entry: starts the session and the layout requests (src/net/boot.ts) and the renderer probe
 * (src/scene/gpu.ts), then loads the app — its code arrives and compiles while the server answers and
 * the probe's worker makes the page's first WebGL context.
 */
import { bootEarly } from './net/boot.ts';
import { startGpuProbe } from './scene/gpu.ts';

performance.mark('parktwin:script');
bootEarly();
void startGpuProbe();
const { mount } = await import('./ui/mount.tsx');
performance.mark('parktwin:app-code');
await mount(document.getElementById('root')!);
