import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { startSpan } from './spans.js';

export interface ServerTracingOptions {
  /** The route pattern the request matched, read when the response closes. */
  routeOf(request: IncomingMessage): string | undefined;
  /** Requests that get no span (probes, scrapes). */
  ignore(request: IncomingMessage): boolean;
}

/**
 * Middleware that gives each HTTP request a SERVER span, child of the caller's `traceparent` when
 * one is sent, named `<METHOD> <route>` once routing has said which route and ended when the
 * response closes. Everything the request does runs inside it, event listeners on the request and
 * response included (a body parser's callbacks would otherwise lose it).
 */
export function traceServerRequests({ routeOf, ignore }: ServerTracingOptions) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (ignore(request)) return next();
    const method = request.method ?? 'HTTP';
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = startSpan(method, {
      role: 'server',
      parent,
      attributes: { 'http.request.method': method, 'url.path': (request.url ?? '').split('?')[0], 'url.scheme': 'http' },
    });
    const active = trace.setSpan(parent, span);
    context.bind(active, request);
    context.bind(active, response);
    response.once('close', () => {
      const route = routeOf(request);
      if (route) {
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, next);
  };
}

/** Headers that carry the active span to another service (`traceparent`, `tracestate`, `baggage`); empty when tracing is off. */
export function outgoingTraceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}
