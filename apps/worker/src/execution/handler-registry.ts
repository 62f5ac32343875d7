import type { JobTypeDefinition } from '@jobs/dto';
import type { JobHandlerClass } from './job-handler.js';

export class HandlerRegistryError extends Error {
  override name = 'HandlerRegistryError';
}

/**
 * Pairs every type of the deployment's catalog with exactly one handler class, and leaves out the
 * handlers of types this deployment does not run. The worker refuses to boot on a catalog type
 * without a handler, a type with two, or a handler of a type the platform does not know: a type the
 * API accepts can never sit in its queue with nobody to run it.
 */
export function pairHandlers(
  platformTypes: readonly string[],
  catalog: readonly JobTypeDefinition[],
  handlerClasses: readonly JobHandlerClass[],
): ReadonlyMap<string, JobHandlerClass> {
  const problems: string[] = [];
  const byType = new Map<string, JobHandlerClass>();
  for (const handler of handlerClasses) {
    const type = handler.jobType;
    if (!platformTypes.includes(type)) problems.push(`${handler.name} handles "${type}", which is not a job type`);
    const existing = byType.get(type);
    if (existing) problems.push(`"${type}" has two handlers: ${existing.name} and ${handler.name}`);
    else byType.set(type, handler);
  }
  const paired = new Map<string, JobHandlerClass>();
  for (const definition of catalog) {
    const handler = byType.get(definition.name);
    if (handler) paired.set(definition.name, handler);
    else problems.push(`"${definition.name}" has no handler`);
  }
  if (problems.length > 0) throw new HandlerRegistryError(`Job handlers do not match the catalog:\n  - ${problems.join('\n  - ')}`);
  return paired;
}
