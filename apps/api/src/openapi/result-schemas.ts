import type { JobCatalog } from '@jobs/dto';
import { getSchemaPath, type SchemaObject } from '@nestjs/swagger';

/** Every result class of the catalog (whole and compact forms): models the document must hold. */
export function resultModels(catalog: JobCatalog): Array<new () => object> {
  return catalog.definitions.flatMap((definition) => [definition.result, ...(definition.compact ? [definition.compact.result] : [])]);
}

/**
 * Ties `JobResponse.result` to `resultType` and `ResultResponse.data` to `type` and `compact`, one
 * variant per result type of the catalog, so generated clients narrow a result by its type. The
 * variants are told apart by `const` values, so exactly one matches.
 */
export function describeResults(schemas: Record<string, SchemaObject>, catalog: JobCatalog): void {
  const job = schemas['JobResponse'];
  const result = schemas['ResultResponse'];
  if (!job?.properties || !result?.properties) throw new Error('JobResponse and ResultResponse must be in the document');

  const { payload, traceId } = job.properties;
  if (!payload || !traceId) throw new Error('JobResponse must describe payload and traceId');
  schemas['JobResponse'] = {
    allOf: [
      { $ref: getSchemaPath('JobSummary') },
      { type: 'object', properties: { payload, traceId }, required: ['payload', 'result', 'traceId'] },
      {
        oneOf: [
          {
            type: 'object',
            description: 'Not completed: no result yet.',
            properties: { resultType: { type: 'null' }, result: { type: 'null' } },
            required: ['resultType', 'result'],
          },
          ...catalog.definitions.map((definition) => ({
            type: 'object',
            properties: { resultType: { const: definition.resultType }, result: { $ref: getSchemaPath(definition.result.name) } },
            required: ['resultType', 'result'],
          })),
        ],
      },
    ],
  } as SchemaObject;

  const { data: _data, ...resultProperties } = result.properties;
  schemas['ResultResponse'] = {
    allOf: [
      { type: 'object', properties: resultProperties, required: result.required },
      {
        oneOf: catalog.definitions.flatMap((definition) => {
          const variant = (compact: boolean, model: new () => object): SchemaObject =>
            ({
              type: 'object',
              properties: { type: { const: definition.resultType }, compact: { const: compact }, data: { $ref: getSchemaPath(model.name) } },
              // Required here too, or generators make them optional in the variant they narrow to.
              required: ['type', 'compact', 'data'],
            }) as SchemaObject;
          return [variant(false, definition.result), ...(definition.compact ? [variant(true, definition.compact.result)] : [])];
        }),
      },
    ],
  } as SchemaObject;
}
