import { defineConfig } from 'vitest/config';

// Unit and integration tests (node) and browser tests (e2e/, real headless Chromium) in one run.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bin/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // the CLI runs from source in the tests (not a build that may be older)
          env: { PARKTWIN_SOURCE: '1' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          env: { PARKTWIN_SOURCE: '1' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
