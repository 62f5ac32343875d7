import type { MetricsService } from '@jobs/runtime';
import type { NextFunction, Request, Response } from 'express';

/** Times every request; the route label is the matched route pattern, never the raw path (ids). */
export function httpMetrics(metrics: MetricsService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = metrics.httpRequestDuration.startTimer({ method: request.method });
    response.on('finish', () => {
      const pattern = (request.route as { path?: string } | undefined)?.path;
      stop({ route: pattern ? `${request.baseUrl}${pattern}` : 'unmatched', status: String(response.statusCode) });
    });
    next();
  };
}
