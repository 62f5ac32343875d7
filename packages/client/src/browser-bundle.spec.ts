import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { build, type BuildOptions } from 'esbuild';

/** The built SDK, as a web application's bundler would take it (the test task builds first). */
const ENTRY = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const BROWSER = { platform: 'browser', format: 'esm', bundle: true, minify: true, write: false, metafile: true, logLevel: 'silent' } as const satisfies BuildOptions;
const SERVER_PACKAGES = /class-validator|class-transformer|reflect-metadata|@nestjs/;

describe('the SDK in a browser', () => {
  it('is what this check relies on: esbuild refuses Node built-ins when bundling for the browser', async () => {
    await expect(build({ ...BROWSER, stdin: { contents: "import { createHmac } from 'node:crypto'; console.log(createHmac);" } })).rejects.toThrow(
      /node:crypto/,
    );
  });

  it('bundles for the browser: no Node built-ins, no server packages', async () => {
    expect(existsSync(ENTRY)).toBe(true);
    const result = await build({ ...BROWSER, entryPoints: [ENTRY] });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('contracts/dist/'))).toBe(true);
    expect(inputs.filter((input) => input.startsWith('node:') || SERVER_PACKAGES.test(input))).toEqual([]);

    const [bundle] = result.outputFiles;
    if (!bundle) throw new Error('esbuild wrote no bundle');
    console.log(`@jobs/client for the browser: ${bundle.contents.byteLength} bytes minified, ${gzipSync(bundle.contents).byteLength} gzipped`);
  });
});
