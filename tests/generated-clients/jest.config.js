import preset from '../../jest.preset.js';

/** Real API and worker processes, and the generators and consumers as processes of their own. */
export default {
  ...preset,
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 120_000,
  maxWorkers: 1,
};
