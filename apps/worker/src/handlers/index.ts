import { BenchNoopHandler } from './bench/bench-noop.handler.js';
import { DiagnosticsSleepHandler } from './diagnostics/diagnostics-sleep.handler.js';
import { DomainSimilarHandler } from './domain-similar/domain-similar.handler.js';
import { SampleAnalyzeHandler } from './sample-analyze/sample-analyze.handler.js';
import { TextIndicatorsHandler } from './text-indicators/text-indicators.handler.js';

/** One line per job type: the worker checks at boot that these match the job catalog exactly. */
export const BUILT_IN_HANDLERS = [TextIndicatorsHandler, DomainSimilarHandler, SampleAnalyzeHandler];

/** Handlers of the diagnostics.* types, registered with ENABLE_DIAGNOSTIC_JOBS. */
export const DIAGNOSTIC_HANDLERS = [DiagnosticsSleepHandler];

/** Handlers of the bench.* types, registered with ENABLE_BENCHMARK_JOBS. */
export const BENCHMARK_HANDLERS = [BenchNoopHandler];
