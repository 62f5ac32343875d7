import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * An integer property: the Swagger plugin infers `number` from TypeScript, which the document would
 * then promise for values the API refuses (`priority: 1.5`) or never sends.
 */
export function ApiInteger(options: ApiPropertyOptions = {}): PropertyDecorator {
  return ApiProperty({ type: 'integer', ...options } as ApiPropertyOptions);
}

/** An optional integer property (requests and queries). */
export function ApiOptionalInteger(options: ApiPropertyOptions = {}): PropertyDecorator {
  return ApiInteger({ required: false, ...options } as ApiPropertyOptions);
}

/**
 * Counts by a fixed set of names (`{ ipv4: 2, url: 1 }`), each an integer: names without any left out,
 * or with `every`, each name present (0 included).
 */
export function ApiCounts(names: readonly string[], { every = false }: { every?: boolean } = {}): PropertyDecorator {
  return ApiProperty({
    type: 'object',
    properties: Object.fromEntries(names.map((name) => [name, { type: 'integer', minimum: 0 }])),
    ...(every ? { required: [...names], selfRequired: true } : {}),
    additionalProperties: false,
  } as ApiPropertyOptions);
}
