import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { constants as zlib } from 'node:zlib';

// The app is served by server/ (express) from dist/ after `vite build`; `npm run dev` proxies the
// API to a running server so the front end can hot-reload. Cesium's static assets (workers,
// third-party code, the bundled Natural Earth imagery, widget CSS) are copied to /cesium/ at build
// time; the geo view that uses them is a separate chunk, loaded only when it is first opened.
const cesium = 'node_modules/cesium/Build/Cesium';

/**
 * Library code rewritten at build time; the build fails if the text rewritten is no longer there (a
 * library upgrade: check the browser tests named). Two libraries evaluate strings, which the page's
 * Content-Security-Policy forbids (no 'unsafe-eval', server/app.ts; e2e/csp.test.ts):
 * - Cesium's widgets bundle knockout, whose first line finds the global object with
 *   `this || (0,eval)("this")`: in an ES module `this` is undefined, so the eval runs. `globalThis`
 *   is the same object. The geo view applies no knockout binding (its widgets are off).
 * - zod compiles parsers with `new Function` when it may, probing with `Function('')` on first use
 *   (reported as a violation though caught); its global configuration starts `jitless` instead.
 */
const EVAL_FREE: { file: RegExp; from: string; to: string }[] = [
  { file: /[\\/]knockout-[\d.]+\.js$/, from: '(0,eval)("this")', to: 'globalThis' },
  { file: /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/, from: '(_a.__zod_globalConfig = {})', to: '(_a.__zod_globalConfig = { jitless: true })' },
  // - react-three-fiber makes a THREE.Clock for every canvas, which three (r180+) deprecates with a
  //   console warning each time; the same clock, with three's Clock semantics and no warning
  //   (performance.now(), auto-start on the first getDelta), is made here instead.
  {
    file: /[\\/]@react-three[\\/]fiber[\\/]dist[\\/]events-[0-9a-f]+\.esm\.js$/,
    from: 'clock: new THREE.Clock()',
    to: 'clock: new (class Clock { constructor() { this.autoStart = true; this.startTime = 0; this.oldTime = 0; this.elapsedTime = 0; this.running = false; } start() { this.startTime = performance.now(); this.oldTime = this.startTime; this.elapsedTime = 0; this.running = true; } stop() { this.getElapsedTime(); this.running = false; this.autoStart = false; } getElapsedTime() { this.getDelta(); return this.elapsedTime; } getDelta() { let d = 0; if (this.autoStart && !this.running) { this.start(); return 0; } if (this.running) { const n = performance.now(); d = (n - this.oldTime) / 1000; this.oldTime = n; this.elapsedTime += d; } return d; } })()',
  },
];

function evalFree(): Plugin {
  return {
    name: 'parktwin:eval-free',
    apply: 'build',
    transform(code, id) {
      const r = EVAL_FREE.find((e) => e.file.test(id));
      if (!r) return null;
      if (!code.includes(r.from))
        this.error(`${id}: "${r.from}" is no longer there; check the CSP (server/app.ts, e2e/csp.test.ts) before changing vite.config.ts`);
      return { code: code.replace(r.from, r.to), map: null };
    },
  };
}

export default defineConfig({
  resolve: {
    // osmtogeojson's bundled lodash compiles functions from strings when it loads (the CSP forbids it):
    // the six functions it uses, plainly written (src/import/osmLodash.cjs, tested against its own)
    alias: [{ find: /^\.\/lodash\.custom\.js$/, replacement: fileURLToPath(new URL('./src/import/osmLodash.cjs', import.meta.url)) }],
  },
  plugins: [
    react(),
    evalFree(),
    viteStaticCopy({
      targets: ['Workers', 'ThirdParty', 'Assets', 'Widgets'].map((dir) => ({ src: `${cesium}/${dir}`, dest: 'cesium' })),
    }),
    // compressed copies of the app's files, made once at the best ratio, which the server sends as they
    // are (server/app.ts); anything else it compresses as it sends
    compression({
      include: /\.(html|css|js|mjs|json|svg|wasm)$/,
      threshold: 1024,
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 6000,
    // the compressed copies take most of the build's time, by design: no warning about it
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
