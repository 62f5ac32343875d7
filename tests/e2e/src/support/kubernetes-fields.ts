import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The schemas' validators (kubernetes-models) accept fields they do not know, as the API server does
 * without `--validate=strict`, so a misspelt field (`prots:`, `readinesProbe:`) would pass silently.
 * This finds such fields from the same packages' type declarations: each key of a rendered object
 * must be a property of the type at that place, walked with TypeScript's checker (maps such as
 * `labels` have an index signature and take any key).
 */
const KINDS: Record<string, [module: string, type: string]> = {
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'INamespace'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'ISecret'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
  'keda.sh/v1alpha1/ScaledObject': ['@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject', 'IScaledObject'],
  'keda.sh/v1alpha1/TriggerAuthentication': ['@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication', 'ITriggerAuthentication'],
};

export class KubernetesFields {
  private readonly checker: ts.TypeChecker;
  private readonly types = new Map<string, ts.Type>();

  constructor() {
    const file = fileURLToPath(new URL('./kubernetes-kinds.generated.ts', import.meta.url));
    const entries = Object.entries(KINDS);
    const source = [
      ...entries.map(([, [module, type]], index) => `import type { ${type} as Kind${index} } from '${module}';`),
      `export type Kinds = { ${entries.map(([kind], index) => `'${kind}': Kind${index}`).join('; ')} };`,
    ].join('\n');
    const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, types: [] };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists } = host;
    host.getSourceFile = (name, language) => (name === file ? ts.createSourceFile(name, source, language) : getSourceFile.call(host, name, language));
    host.fileExists = (name) => name === file || fileExists.call(host, name);
    const program = ts.createProgram([file], options, host);
    this.checker = program.getTypeChecker();
    const declaration = program.getSourceFile(file)?.statements.find(ts.isTypeAliasDeclaration);
    if (!declaration) throw new Error('the kinds could not be declared');
    const kinds = this.checker.getTypeAtLocation(declaration.name);
    for (const [kind] of entries) {
      const property = kinds.getProperty(kind);
      const type = property && this.checker.getTypeOfSymbol(property);
      if (!type || type.getProperties().length === 0) throw new Error(`no type declaration found for ${kind}`);
      this.types.set(kind, type);
    }
  }

  /** The paths of the object's fields its kind does not have (`.spec.template.spec.containers[0].prots`). */
  unknownFields(object: { apiVersion: string; kind: string; [field: string]: unknown }): string[] {
    const type = this.types.get(`${object.apiVersion}/${object.kind}`);
    if (!type) throw new Error(`no type declaration for ${object.apiVersion} ${object.kind}`);
    const unknown: string[] = [];
    this.walk(object, type, '', unknown);
    return unknown;
  }

  private walk(value: unknown, declared: ts.Type, path: string, unknown: string[]): void {
    const type = this.checker.getNonNullableType(declared);
    if (Array.isArray(value)) {
      const element = this.checker.isArrayType(type) ? this.checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
      if (element) value.forEach((item, index) => this.walk(item, element, `${path}[${index}]`, unknown));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const objectType = (type.isUnion() ? type.types : [type]).find((candidate) => candidate.getProperties().length > 0 || this.checker.getIndexInfosOfType(candidate).length > 0);
    if (!objectType || this.checker.getIndexInfosOfType(objectType).length > 0) return;
    for (const [key, field] of Object.entries(value)) {
      const property = objectType.getProperty(key);
      if (property) this.walk(field, this.checker.getTypeOfSymbol(property), `${path}.${key}`, unknown);
      else unknown.push(`${path}.${key}`);
    }
  }
}
