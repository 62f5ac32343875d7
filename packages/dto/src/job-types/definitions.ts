import { BENCH_NOOP } from './bench/bench-noop.dto.js';
import { DIAGNOSTICS_SLEEP } from './diagnostics/diagnostics-sleep.dto.js';
import { DOMAIN_SIMILAR } from './domain-similar/domain-similar.dto.js';
import type { JobTypeDefinition } from './job-type.js';
import { SAMPLE_ANALYZE } from './sample-analyze/sample-analyze.dto.js';
import { TEXT_INDICATORS } from './text-indicators/text-indicators.dto.js';

/**
 * Every job type the platform runs, in the order `GET /v1/job-types` lists them: the one place a
 * type is registered. A definition's `enabledBy` says which deployment switch turns it on; the
 * worker finds each type's handler by its file (apps/worker/src/handlers).
 */
export const JOB_TYPES: readonly JobTypeDefinition[] = [TEXT_INDICATORS, DOMAIN_SIMILAR, SAMPLE_ANALYZE, DIAGNOSTICS_SLEEP, BENCH_NOOP];

export { BENCH_NOOP, DIAGNOSTICS_SLEEP, DOMAIN_SIMILAR, SAMPLE_ANALYZE, TEXT_INDICATORS };
