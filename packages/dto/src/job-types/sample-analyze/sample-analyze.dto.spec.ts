import { describe, expect, it } from '@jest/globals';
import { validatePayload } from '../job-type.js';
import { payloadJsonSchema } from '../payload-schema.js';
import { sampleAnalyzeJobType, samplePayloadWithLimit } from './sample-analyze.dto.js';

describe('sample.analyze payload', () => {
  it('keeps every contentBase64 rule in a class with its own size limit', async () => {
    const payload = samplePayloadWithLimit(3);
    const check = async (contentBase64: unknown) => validatePayload({ payload }, { contentBase64 });
    expect(await check(Buffer.from('abc').toString('base64'))).toMatchObject({ valid: true });
    expect(await check(Buffer.from('abcd').toString('base64'))).toMatchObject({ valid: false, errors: [{ message: expect.stringContaining('decodes to 4 bytes; at most 3') }] });
    expect(await check('no base64')).toMatchObject({ valid: false, errors: [{ message: expect.stringContaining('standard padded base64') }] });
    expect(await check(42)).toMatchObject({ valid: false, errors: [{ message: 'payload.contentBase64 must be a string' }] });
  });

  it('states the limit in the payload JSON Schema', () => {
    const schema = payloadJsonSchema(sampleAnalyzeJobType(3000)) as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties['contentBase64']).toMatchObject({ type: 'string', maxLength: 4000, pattern: expect.any(String) });
  });
});
