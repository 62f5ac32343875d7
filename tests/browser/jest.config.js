import preset from '../../jest.preset.js';

/** A real Chromium on real API and worker processes and a real PostgreSQL: one file at a time on a 2-core machine. */
export default {
  ...preset,
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 120_000,
  maxWorkers: 1,
};
