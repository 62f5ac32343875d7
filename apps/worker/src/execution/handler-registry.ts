import type { JobTypeDefinition } from '@jobs/contracts';
import type { JobHandler } from './job-handler.js';

export class HandlerRegistryError extends Error {
  override name = 'HandlerRegistryError';
}

/**
 * Pairs every catalog type with exactly one handler. The worker refuses to boot otherwise, so a
 * type the API accepts can never sit in its queue with nobody to run it.
 */
export function buildHandlerRegistry(
  catalog: readonly JobTypeDefinition[],
  handlers: readonly JobHandler[],
): ReadonlyMap<string, JobHandler> {
  const problems: string[] = [];
  const registry = new Map<string, JobHandler>();
  const known = new Set(catalog.map((definition) => definition.name));
  for (const handler of handlers) {
    const type = handler.definition.name;
    if (!known.has(type)) problems.push(`${handler.constructor.name} handles "${type}", which is not in the job catalog`);
    const existing = registry.get(type);
    if (existing) problems.push(`"${type}" has two handlers: ${existing.constructor.name} and ${handler.constructor.name}`);
    else registry.set(type, handler);
  }
  for (const definition of catalog) {
    if (!registry.has(definition.name)) problems.push(`"${definition.name}" has no handler`);
  }
  if (problems.length > 0) throw new HandlerRegistryError(`Job handlers do not match the catalog:\n  - ${problems.join('\n  - ')}`);
  return registry;
}
