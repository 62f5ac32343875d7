import { JOB_LIMITS } from '@jobs/contracts';
import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiOptionalInteger } from '../common/api-schema.js';

/**
 * The rules of a job's optional settings, one place for every request that sets them (a job, a
 * schedule's jobs): the document's bounds and the validation are the same limits.
 */
function optionalIntegerWithin(minimum: number, maximum: number, { nullable = false }: { nullable?: boolean } = {}): PropertyDecorator {
  return applyDecorators(ApiOptionalInteger({ minimum, maximum, ...(nullable ? { nullable: true } : {}) }), IsOptional(), IsInt(), Min(minimum), Max(maximum));
}

export const IsJobPriority = (): PropertyDecorator => optionalIntegerWithin(JOB_LIMITS.minPriority, JOB_LIMITS.maxPriority);

/** `nullable`: null is taken (a change back to the type's default). */
export const IsJobMaxAttempts = (options?: { nullable?: boolean }): PropertyDecorator => optionalIntegerWithin(1, JOB_LIMITS.maxAttempts, options);

export const IsJobTimeoutSeconds = (options?: { nullable?: boolean }): PropertyDecorator => optionalIntegerWithin(1, JOB_LIMITS.maxTimeoutSeconds, options);
