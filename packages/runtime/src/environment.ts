import { flattenValidationErrors } from '@jobs/dto';
import { Expose, plainToInstance, Type } from 'class-transformer';
import { IsInt, Max, Min, validateSync } from 'class-validator';

export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

export type EnvironmentSource = Record<string, string | undefined>;

/** A variable the environment could not give: its name and what is wrong. */
export interface VariableProblem {
  variable: string;
  message: string;
}

/**
 * A schema class, with an optional step that turns the raw environment into the variables it reads
 * (secrets read from `*_FILE` files, values composed from others).
 */
export interface EnvironmentSchema<T> {
  new (): T;
  resolveVariables?(source: EnvironmentSource): { variables: EnvironmentSource; problems: VariableProblem[] };
}

/**
 * Reads and validates an app's environment into `schema` (a class with class-validator and
 * class-transformer decorators), keeping its field defaults. Throws one error listing every problem
 * so a misconfigured container fails at boot with a message that says what to fix.
 */
export function loadEnvironment<T extends object>(
  schema: EnvironmentSchema<T>,
  source: EnvironmentSource = process.env,
  extraChecks: (env: T) => string[] = () => [],
): T {
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const resolved = schema.resolveVariables?.(defined) ?? { variables: defined, problems: [] };
  const env = plainToInstance(schema, resolved.variables, { excludeExtraneousValues: true, exposeDefaultValues: true });
  // A variable whose source failed (an unreadable file) is reported once, for that reason.
  const failed = new Set(resolved.problems.map((problem) => problem.variable));
  const problems = [
    ...resolved.problems.map((problem) => `${problem.variable}: ${problem.message}`),
    ...flattenValidationErrors(validateSync(env))
      .filter((error) => !failed.has(error.field))
      .map((error) => `${error.field}: ${error.message}`),
  ];
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
