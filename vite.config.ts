import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app is served by server/ (express) from dist/ after `vite build`; `npm run dev` proxies the
// API to a running server so the front end can hot-reload.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
