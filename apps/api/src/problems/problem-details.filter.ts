import { ERROR_CODES, ErrorCode, errorCodeForStatus, type ProblemDetails, problemType } from '@jobs/contracts';
import { JobsError } from '@jobs/jobs';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { ProblemException } from './problem.exception.js';
import { statusTitle } from './status-title.js';

/** Renders every error, ours or a library's, as `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const problem = this.toProblemException(exception, request);
    if (response.headersSent) {
      response.end();
      return;
    }
    const status = problem.getStatus();
    const body: ProblemDetails = {
      type: problemType(problem.code),
      title: statusTitle(status),
      status,
      detail: problem.detail,
      code: problem.code,
      instance: request.originalUrl,
      ...(problem.extras.errors ? { errors: problem.extras.errors } : {}),
      ...problem.extras.extensions,
    };
    if (problem.extras.headers) response.set(problem.extras.headers);
    if (status === 401) response.set('WWW-Authenticate', 'Bearer');
    response.status(status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblemException(exception: unknown, request: Request): ProblemException {
    if (exception instanceof ProblemException) return exception;
    if (exception instanceof JobsError) {
      const { errors, extensions, retryAfterSeconds } = exception.extras;
      return new ProblemException(ERROR_CODES[exception.code].status, exception.code, exception.detail, {
        ...(errors ? { errors } : {}),
        ...(extensions ? { extensions } : {}),
        ...(retryAfterSeconds !== undefined ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {}),
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = errorCodeForStatus(status);
      const detail = status === 404 ? `No route ${request.method} ${request.originalUrl.split('?')[0]}.` : exception.message;
      return new ProblemException(status, code, detail);
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${String(exception)}`);
      return new ProblemException(503, ErrorCode.SERVICE_UNAVAILABLE, 'The service cannot reach its database right now; retry shortly.', {
        headers: { 'Retry-After': '5' },
      });
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return new ProblemException(500, ErrorCode.INTERNAL_ERROR, 'An unexpected error occurred.');
  }
}
