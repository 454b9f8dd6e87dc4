import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';

// The app is served by server/ (express) from dist/ after `vite build`; `npm run dev` proxies the
// API to a running server so the front end can hot-reload. Cesium's static assets (workers,
// third-party code, the bundled Natural Earth imagery, widget CSS) are copied to /cesium/ at build
// time; the geo view that uses them is a separate chunk, loaded only when it is first opened.
const cesium = 'node_modules/cesium/Build/Cesium';

export default defineConfig({
  plugins: [
    react(),
    viteStaticCopy({
      targets: ['Workers', 'ThirdParty', 'Assets', 'Widgets'].map((dir) => ({ src: `${cesium}/${dir}`, dest: 'cesium' })),
    }),
  ],
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 6000,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
