import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { type DynamicModule, Module } from '@nestjs/common';
import { traceLogFields } from '@jobs/tracing';
import { LoggerModule } from 'nestjs-pino';
import { isProbeOrScrape } from './probe-paths.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** The URL as logged: a token passed in the query (EventSource clients) is never written down. */
function loggedUrl(url: string | undefined): string {
  return (url ?? '').replace(/access_token=[^&]*/, 'access_token=[Redacted]');
}

/** A caller's request id is kept when it is a sane token; anything else gets a fresh UUID. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export interface LoggingOptions {
  app: 'api' | 'worker';
  level: string;
  /** Human-readable lines (development) instead of one JSON object per line. */
  pretty: boolean;
}

/** The request id of an HTTP request: the caller's `X-Request-Id` when acceptable, else a new one. */
export function requestIdFor(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Structured logs through pino: JSON lines with `app`, `pid`, inside a span `trace_id` and `span_id`,
 * and, per HTTP request, `req` with its id; every Nest `Logger` call goes there once the app calls `useLogger(app.get(Logger))`.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { app: options.app, pid: process.pid },
            // Lines written inside a span (a request, a job's attempt) carry its trace_id and span_id.
            mixin: traceLogFields,
            genReqId: requestIdFor,
            // Probes and scrapes would drown everything else.
            autoLogging: { ignore: (request) => isProbeOrScrape(request.url) },
            customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
            customSuccessMessage: (request, response, elapsedMs) => `${request.method} ${loggedUrl(request.url)} ${response.statusCode} in ${Math.round(elapsedMs)} ms`,
            customErrorMessage: (request, response, error) => `${request.method} ${loggedUrl(request.url)} ${response.statusCode}: ${error.message}`,
            // Only what identifies the request: headers carry tokens, and the query may carry access_token.
            serializers: {
              req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: loggedUrl(request.url) }),
              res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
            },
            ...(options.pretty ? { transport: { target: createRequire(import.meta.url).resolve('pino-pretty'), options: { singleLine: true, ignore: 'pid,hostname,res' } } } : {}),
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
