// `tsc -p <tsconfig>` with the @nestjs/swagger compiler plugin, as `nest build` applies it: DTO
// classes (*.dto.ts) and controllers (*.controller.ts) get their OpenAPI metadata from their types,
// class-validator decorators and doc comments, so nothing is described twice.
// Usage, from a package folder: node ../../scripts/build-with-swagger-plugin.mjs tsconfig.build.json
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const tsconfigPath = resolve(process.argv[2] ?? 'tsconfig.build.json');
// TypeScript and the plugin come from the package being built, so both use one TypeScript instance.
const packageRequire = createRequire(resolve('package.json'));
const ts = (await import(pathToFileURL(packageRequire.resolve('typescript')).href)).default;
const swaggerPlugin = await import(pathToFileURL(packageRequire.resolve('@nestjs/swagger/plugin')).href);

const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => report([diagnostic]),
});
if (!parsed) process.exit(1);

const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
const pluginOptions = { introspectComments: true, classValidatorShim: true, esmCompatible: true };
const emitted = program.emit(undefined, undefined, undefined, false, {
  before: [swaggerPlugin.before(pluginOptions, program)],
});
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
report(diagnostics);
process.exit(diagnostics.some((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error) || emitted.emitSkipped ? 1 : 0);

function report(list) {
  if (list.length === 0) return;
  const host = { getCanonicalFileName: (name) => name, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => ts.sys.newLine };
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(list, host));
}
