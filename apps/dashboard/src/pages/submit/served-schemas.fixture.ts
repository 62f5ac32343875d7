/**
 * The payload schemas `GET /v1/job-types` serves (copied from a running API, diagnostics and
 * benchmarks on), so the unit specs cover every shape our job types use; the browser tests load the
 * live ones.
 */
export const SERVED_SCHEMAS: Record<string, Record<string, unknown>> = {
  'text.indicators': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    properties: { text: { maxLength: 1000000, type: 'string', minLength: 1 } },
    type: 'object',
    required: ['text'],
    additionalProperties: false,
  },
  'domain.similar': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    properties: {
      domain: { type: 'string', maxLength: 253 },
      fuzzers: {
        items: {
          type: 'string',
          enum: ['addition', 'bitsquatting', 'cyrillic', 'homoglyph', 'hyphenation', 'insertion', 'omission', 'plural', 'repetition', 'replacement', 'subdomain', 'transposition', 'vowel-swap', 'tld-swap', 'various'],
        },
        type: 'array',
        minItems: 1,
      },
      tlds: { items: { pattern: '^[a-z0-9-]{2,63}(\\.[a-z0-9-]{2,63})*$', type: 'string' }, type: 'array', maxItems: 1000 },
      limit: { maximum: 100000, type: 'integer', minimum: 1 },
    },
    type: 'object',
    required: ['domain'],
    additionalProperties: false,
  },
  'sample.analyze': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    properties: {
      contentBase64: {
        type: 'string',
        pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
        maxLength: 13981016,
        description: 'Base64 of at most 10485760 bytes.',
      },
      filename: { maxLength: 255, type: 'string' },
      minStringLength: { maximum: 64, type: 'integer', minimum: 3 },
      maxStrings: { maximum: 10000, type: 'integer', minimum: 0 },
    },
    type: 'object',
    required: ['contentBase64'],
    additionalProperties: false,
  },
  'diagnostics.sleep': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    properties: {
      durationMs: { maximum: 3600000, type: 'integer', minimum: 0 },
      steps: { maximum: 10000, type: 'integer', minimum: 1 },
      failAttempts: { maximum: 25, type: 'integer', minimum: 0 },
      ignoreAbort: { type: 'boolean' },
    },
    type: 'object',
    required: ['durationMs'],
    additionalProperties: false,
  },
  'bench.noop': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    properties: { sequence: { maximum: 9007199254740991, type: 'integer', minimum: 0 } },
    type: 'object',
    additionalProperties: false,
  },
};

export function servedSchema(type: string): Record<string, unknown> {
  const schema = SERVED_SCHEMAS[type];
  if (!schema) throw new Error(`no fixture for ${type}`);
  return schema;
}
