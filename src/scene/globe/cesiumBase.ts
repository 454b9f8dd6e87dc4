/**
 * Where Cesium finds its static assets (copied to /cesium/ at build time by vite.config.ts). Set
 * before Cesium builds any asset URL.
 */
(globalThis as unknown as { CESIUM_BASE_URL: string }).CESIUM_BASE_URL = '/cesium/';
export {};
