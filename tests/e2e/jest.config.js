import preset from '../../jest.preset.js';

/** Real API and worker processes on a real PostgreSQL: one file at a time on a 2-core machine. */
export default {
  ...preset,
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 90_000,
  maxWorkers: 1,
};
