import type { CreateJobBatchRequest, CreateJobRequest } from '@jobs/contracts';
import type { ExamplesObject } from '@nestjs/swagger';

/**
 * Requests the document shows (and Swagger UI fills in), each one the API accepts: without them,
 * Swagger UI builds one from the schema with every property set, `runAt` and `delaySeconds` together.
 * The OpenAPI spec test submits each of them.
 */
const INDICATORS: CreateJobRequest = { type: 'text.indicators', payload: { text: 'C2 at hxxps://evil[.]example/gate from 203.0.113.7' } };
const SIMILAR_DOMAINS: CreateJobRequest = {
  type: 'domain.similar',
  payload: { domain: 'example.com', fuzzers: ['homoglyph', 'tld-swap'], limit: 100 },
  priority: 5,
  delaySeconds: 60,
  maxAttempts: 2,
  timeoutSeconds: 60,
  metadata: { ticket: 'SEC-1234', source: 'triage' },
};
const SAMPLE: CreateJobRequest = {
  type: 'sample.analyze',
  payload: { contentBase64: 'TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA=', filename: 'dropper.exe' },
  runAt: '2030-01-01T00:00:00Z',
};

export const SUBMIT_EXAMPLES: ExamplesObject = {
  indicators: { summary: 'Indicators from free text', value: INDICATORS },
  similarDomains: { summary: 'Look-alike domains, delayed a minute, with labels', value: SIMILAR_DOMAINS },
  sample: { summary: 'A file, analysed at a set time', value: SAMPLE },
};

const BATCH: CreateJobBatchRequest = { jobs: [INDICATORS, SIMILAR_DOMAINS] };

export const BATCH_EXAMPLES: ExamplesObject = { batch: { summary: 'Two jobs, accepted or refused together', value: BATCH } };
