import { JOB_TYPES } from './definitions.js';
import type { JobTypeDefinition, JobTypeSwitch } from './job-type.js';
import type { JobTypeOverrides } from './job-type-overrides.js';
import { SAMPLE_ANALYZE, sampleAnalyzeJobType } from './sample-analyze/sample-analyze.dto.js';

/** What a deployment turns on: ENABLE_DIAGNOSTIC_JOBS, ENABLE_BENCHMARK_JOBS and SAMPLE_MAX_BYTES (API and workers alike). */
export interface JobCatalogOptions {
  diagnostics: boolean;
  benchmarks?: boolean;
  /** The largest sample `sample.analyze` accepts. */
  sampleMaxBytes?: number;
  /** JOB_FAIRNESS and JOB_RATE_LIMITS: they win over the definitions' own settings. */
  overrides?: JobTypeOverrides;
}

/** The job types one deployment accepts and runs. */
export class JobCatalog {
  private readonly byName: ReadonlyMap<string, JobTypeDefinition>;

  constructor(readonly definitions: readonly JobTypeDefinition[]) {
    this.byName = new Map(definitions.map((definition) => [definition.name, definition]));
    if (this.byName.size !== definitions.length) throw new Error('job type names must be unique');
  }

  /** The deployment's catalog: the types its switches enable, `sample.analyze` with its sample limit. */
  static create(options: JobCatalogOptions): JobCatalog {
    const switches: Record<JobTypeSwitch, boolean> = { diagnostics: options.diagnostics, benchmarks: options.benchmarks ?? false };
    const sample = sampleAnalyzeJobType(options.sampleMaxBytes);
    return new JobCatalog(
      JOB_TYPES.filter((definition) => definition.enabledBy === undefined || switches[definition.enabledBy]).map((definition) =>
        withOverrides(definition === SAMPLE_ANALYZE ? sample : definition, options.overrides),
      ),
    );
  }

  find(name: string): JobTypeDefinition | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The compact form of a stored result, or null when its type defines none. */
  compactResult(resultType: string, data: object): object | null {
    const definition = this.definitions.find((candidate) => candidate.resultType === resultType);
    return definition?.compact ? definition.compact.of(data) : null;
  }
}

/** A definition with the deployment's fairness and rate limit, where it sets any: the type's own entry, else `*`. */
function withOverrides(definition: JobTypeDefinition, overrides: JobTypeOverrides | undefined): JobTypeDefinition {
  if (!overrides) return definition;
  const pick = <Setting>(settings: ReadonlyMap<string, Setting | null>, current: Setting | null | undefined): Setting | null | undefined => {
    for (const key of [definition.name, '*']) if (settings.has(key)) return settings.get(key) ?? null;
    return current;
  };
  return { ...definition, fairness: pick(overrides.fairness, definition.fairness), rateLimit: pick(overrides.rateLimits, definition.rateLimit) };
}
