// A user of `@hey-api/openapi-ts` with its fetch client: an SDK generated from /openapi.json, no casts.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { client } from '../generated/hey-api/client.gen.js';
import { jobsList, jobsResult, jobsStatus, jobsSubmit } from '../generated/hey-api/index.js';
import { type ProblemSeen, printReport, readSettings, VARIANT_LIMIT } from './report.js';

const { baseUrl, token, domain } = readSettings();
client.setConfig({ baseUrl, auth: token });

async function submitSimilarDomains(delaySeconds?: number): Promise<string> {
  const { data, error } = await jobsSubmit({ body: { type: 'domain.similar', payload: { domain, limit: VARIANT_LIMIT }, delaySeconds } });
  if (error) throw new Error(`submission refused: ${error.code} ${error.detail}`);
  return data.jobId;
}

/** Polls the cheap status route until the job has finished, one way or another. */
async function waitUntilFinished(id: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data, error } = await jobsStatus({ path: { id } });
    if (error) throw new Error(`status refused: ${error.code}`);
    if (data.status === 'COMPLETED' || data.status === 'FAILED' || data.status === 'CANCELLED') return data.status;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${data.status} after ${timeoutMs} ms`);
    await sleep(200);
  }
}

const jobId = await submitSimilarDomains();
const status = await waitUntilFinished(jobId);

const result = await jobsResult({ path: { id: jobId } });
if (result.error) throw new Error(`result refused: ${result.error.code}`);
// The full form (not `compact=true`) of the type this job stores.
if (result.data.type !== 'similar-domains' || result.data.compact) throw new Error(`unexpected result ${result.data.type}`);
const similar = result.data.data;
const [firstVariant] = similar.variants;
if (!firstVariant) throw new Error('no variants');

const delayedJobId = await submitSimilarDomains(3600);
const early = await jobsResult({ path: { id: delayedJobId } });
if (!early.error || !early.response) throw new Error('a delayed job had a result');
const notCompleted: ProblemSeen = { status: early.response.status, code: early.error.code, title: early.error.title };

const missing = await jobsStatus({ path: { id: randomUUID() } });
if (!missing.error || !missing.response) throw new Error('an unknown job was found');
const notFound: ProblemSeen = { status: missing.response.status, code: missing.error.code, title: missing.error.title };

const listedJobIds: string[] = [];
let pages = 0;
let cursor: string | undefined;
do {
  const page = await jobsList({ query: { status: ['COMPLETED', 'PENDING'], limit: 1, cursor } });
  if (page.error) throw new Error(`listing refused: ${page.error.code}`);
  pages += 1;
  listedJobIds.push(...page.data.data.map((job) => job.id));
  cursor = page.data.nextCursor ?? undefined;
} while (cursor !== undefined);

printReport({
  jobId,
  status,
  resultType: result.data.type,
  count: similar.count,
  variantCount: similar.variants.length,
  firstVariant: { fuzzer: firstVariant.fuzzer, domain: firstVariant.domain, punycode: firstVariant.punycode },
  delayedJobId,
  listedJobIds,
  pages,
  notCompleted,
  notFound,
});
