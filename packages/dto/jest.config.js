import preset from '../../jest.preset.js';

/** Decorator metadata (class-transformer's @Type) needs the Reflect polyfill before any DTO loads. */
export default { ...preset, setupFiles: ['reflect-metadata'] };
