import preset from '../../jest.preset.js';

export default {
  ...preset,
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60_000,
  setupFiles: ['reflect-metadata'],
};
