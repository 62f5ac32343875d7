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
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema, additionalProperties: false };
}
