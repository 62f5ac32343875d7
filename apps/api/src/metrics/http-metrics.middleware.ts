import type { MetricsService } from '@jobs/runtime';
import type { NextFunction, Request, Response } from 'express';
import { routePatternOf } from '../requests/route-pattern.js';

/** Times every request; the route label is the matched route pattern, never the raw path (ids). */
export function httpMetrics(metrics: MetricsService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = metrics.httpRequestDuration.startTimer({ method: request.method });
    response.on('finish', () => {
      stop({ route: routePatternOf(request) ?? 'unmatched', status: String(response.statusCode) });
    });
    next();
  };
}
