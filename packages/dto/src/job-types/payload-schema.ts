import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { JobTypeDefinition } from './job-type.js';
import { base64LengthOf, DECODES_TO_AT_MOST } from './sample-analyze/sample-analyze.dto.js';

/** JSON Schema for our own constraints, which class-validator-jsonschema cannot know. */
const CONVERTERS = {
  [DECODES_TO_AT_MOST]: (meta: { constraints: unknown[] }) => {
    const bytes = Number(meta.constraints[0]);
    return { maxLength: base64LengthOf(bytes), description: `Base64 of at most ${bytes} bytes.` };
  },
};

let schemas: Record<string, Record<string, unknown>> | undefined;

/** JSON Schema of a job type's payload class, read from its class-validator decorators. */
export function payloadJsonSchema(definition: JobTypeDefinition): Record<string, unknown> {
  // Payload classes made after the first call (a sample limit of its own) are picked up by reading again.
  if (!schemas?.[definition.payload.name]) {
    schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/definitions/', additionalConverters: CONVERTERS }) as Record<string, Record<string, unknown>>;
  }
  const schema = schemas[definition.payload.name];
  if (!schema) throw new Error(`no validation metadata for ${definition.payload.name}`);
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema, properties: describedProperties(schema, definition.payload), additionalProperties: false };
}

/** What the Swagger compiler plugin records of a class: each property's doc comment among others. */
interface DocumentedClass {
  _OPENAPI_METADATA_FACTORY?: () => Record<string, { description?: string }>;
}

/** The plugin's metadata of a class and its ancestors (a payload class sized by a setting extends the documented one). */
function documentedProperties(payload: object): Record<string, { description?: string }> {
  const parent = Object.getPrototypeOf(payload) as object | null;
  const inherited = parent && parent !== Function.prototype ? documentedProperties(parent) : {};
  const own = Object.hasOwn(payload, '_OPENAPI_METADATA_FACTORY') ? ((payload as DocumentedClass)._OPENAPI_METADATA_FACTORY?.() ?? {}) : {};
  return { ...inherited, ...Object.fromEntries(Object.entries(own).filter(([, property]) => property.description)) };
}

/**
 * The properties with their doc comments as `description` (which forms and generated clients show as
 * help), read from the metadata the Swagger plugin compiles into the class: class-validator-jsonschema
 * knows the constraints only. A description a converter wrote (the base64 size) follows the comment.
 */
function describedProperties(schema: Record<string, unknown>, payload: object): Record<string, unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const documented = documentedProperties(payload);
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      const comment = documented[name]?.description;
      if (!comment) return [name, property];
      const existing = typeof property['description'] === 'string' ? ` ${property['description']}` : '';
      return [name, { ...property, description: `${comment}${existing}` }];
    }),
  );
}
