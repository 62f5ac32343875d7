import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { JobTypeDefinition } from './job-type.js';

let schemas: Record<string, Record<string, unknown>> | undefined;

/** JSON Schema of a job type's payload class, read from its class-validator decorators. */
export function payloadJsonSchema(definition: JobTypeDefinition): Record<string, unknown> {
  schemas ??= validationMetadatasToSchemas({ refPointerPrefix: '#/definitions/' }) as Record<string, Record<string, unknown>>;
  const schema = schemas[definition.payload.name];
  if (!schema) throw new Error(`no validation metadata for ${definition.payload.name}`);
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema, additionalProperties: false };
}
