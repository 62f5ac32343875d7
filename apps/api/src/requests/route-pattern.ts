import type { Request } from 'express';

/** The route pattern the request matched (`/v1/jobs/:id`), never the raw path with its ids; undefined when no route matched. */
export function routePatternOf(request: Request): string | undefined {
  const pattern = (request.route as { path?: string } | undefined)?.path;
  return pattern ? `${request.baseUrl}${pattern}` : undefined;
}
