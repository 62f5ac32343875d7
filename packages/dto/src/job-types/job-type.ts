import type { FairnessSettings, FieldError, RateLimitSettings } from '@jobs/contracts';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validate } from 'class-validator';
import { DEFAULT_FAIRNESS } from './job-type-overrides.js';

export interface JobTypeDefaults {
  timeoutSeconds: number;
  maxAttempts: number;
  /** First retry delay; later ones back off exponentially. */
  retryDelaySeconds: number;
}

/** The deployment switch a job type needs: `ENABLE_DIAGNOSTIC_JOBS` or `ENABLE_BENCHMARK_JOBS`. */
export type JobTypeSwitch = 'diagnostics' | 'benchmarks';

/**
 * One entry of the job catalog: the contract a job type's handler fulfils. The payload is a class,
 * whose decorators validate it and describe it as JSON Schema; the result is a class too, whose only
 * use is to describe it in the OpenAPI document (nothing validates what a handler returns).
 */
export interface JobTypeDefinition<Payload extends object = object, ResultData extends object = object> {
  name: string;
  description: string;
  payload: new () => Payload;
  resultType: string;
  /** The result's class, implementing its wire type: the document's schema of this result type. */
  result: new () => ResultData;
  defaults: JobTypeDefaults;
  /** Registered only when the deployment turns this switch on; always when absent. */
  enabledBy?: JobTypeSwitch;
  /** The compact form of a result (`?compact=true`); the whole result when absent. */
  compact?: CompactForm<ResultData>;
  /** How running slots are shared between tenants: DEFAULT_FAIRNESS when absent, first come first served when null. */
  fairness?: FairnessSettings | null;
  /** Starts allowed per second or minute across all workers: unlimited when absent or null. */
  rateLimit?: RateLimitSettings | null;
}

/** A type's fair sharing, its default filled in; null when off. */
export function fairnessOf(definition: Pick<JobTypeDefinition, 'fairness'>): FairnessSettings | null {
  return definition.fairness === undefined ? DEFAULT_FAIRNESS : definition.fairness;
}

/** A type's rate limit; null when its starts are not limited. */
export function rateLimitOf(definition: Pick<JobTypeDefinition, 'rateLimit'>): RateLimitSettings | null {
  return definition.rateLimit ?? null;
}

/**
 * A result type's compact form: its class (the document's schema) and how it is made. `of` is a
 * method so that a definition of any result type is a `JobTypeDefinition` of `object`.
 */
export interface CompactForm<ResultData extends object> {
  result: new () => object;
  of(result: ResultData): object;
}

/**
 * Checks a definition against its types. Payload and result types are inferred from their classes, so
 * its handler must return what the result class describes.
 */
export function defineJobType<Payload extends object, ResultData extends object>(
  definition: JobTypeDefinition<Payload, ResultData>,
): JobTypeDefinition<Payload, ResultData> {
  return definition;
}

export type PayloadValidation<Payload> =
  | { valid: true; payload: Payload }
  | { valid: false; errors: FieldError[] };

/** Validates a raw payload against its type's contract; unknown fields are refused. */
export async function validatePayload<Payload extends object>(
  definition: Pick<JobTypeDefinition<Payload>, 'payload'>,
  raw: unknown,
  fieldPrefix = 'payload',
): Promise<PayloadValidation<Payload>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { valid: false, errors: [{ field: fieldPrefix, message: `${fieldPrefix} must be an object` }] };
  }
  const payload = plainToInstance(definition.payload, raw);
  const errors = await validate(payload, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const fieldErrors = [...prototypeKeyErrors(raw, fieldPrefix), ...flattenValidationErrors(errors, fieldPrefix)];
  return fieldErrors.length === 0 ? { valid: true, payload } : { valid: false, errors: fieldErrors };
}

/** class-transformer silently drops `__proto__` keys, so the whitelist never sees them: refuse them here. */
function prototypeKeyErrors(value: unknown, path: string): FieldError[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '__proto__'
      ? [{ field: `${path}.${key}`, message: `property ${path}.${key} should not exist` }]
      : prototypeKeyErrors(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`),
  );
}

/** Constraints that check a value's type: when one fails, the others (length, range) are noise. */
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isObject', 'isArray', 'whitelistValidation']);

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = !prefix ? error.property : /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`;
    const constraints = Object.entries(error.constraints ?? {});
    const typeFailures = constraints.filter(([name]) => TYPE_CONSTRAINTS.has(name));
    const reported = typeFailures.length > 0 ? typeFailures : constraints;
    const own = reported.map(([, message]) => ({ field, message: qualify(message, error.property, field) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator names the bare property; say the full path so nested errors are unambiguous. */
function qualify(message: string, property: string, field: string): string {
  if (message.startsWith('property ')) return message.replace(`property ${property}`, `property ${field}`);
  return message.startsWith(property) ? field + message.slice(property.length) : message;
}
