import { flattenValidationErrors } from '@jobs/dto';
import { Expose, plainToInstance, Type } from 'class-transformer';
import { IsInt, Max, Min, validateSync } from 'class-validator';

export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

/**
 * Reads and validates an app's environment into `schema` (a class with class-validator and
 * class-transformer decorators), keeping its field defaults. Throws one error listing every problem
 * so a misconfigured container fails at boot with a message that says what to fix.
 */
export function loadEnvironment<T extends object>(
  schema: new () => T,
  source: Record<string, string | undefined> = process.env,
  extraChecks: (env: T) => string[] = () => [],
): T {
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(schema, defined, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const problems = flattenValidationErrors(validateSync(env)).map((error) => `${error.field}: ${error.message}`);
  if (problems.length === 0) problems.push(...extraChecks(env));
  if (problems.length > 0) {
    throw new EnvironmentError(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}

/** An integer variable: read from the environment, converted, and checked against its bounds. */
export function IntegerSetting(min: number, max?: number): PropertyDecorator {
  const decorators = [Expose(), Type(() => Number), IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)])];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}
