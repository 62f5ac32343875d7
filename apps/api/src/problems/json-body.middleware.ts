import { ErrorCode, jsonDepthExceeds, MAX_JSON_DEPTH } from '@jobs/contracts';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ProblemException } from './problem.exception.js';

const METHODS_WITH_BODIES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Parses JSON bodies up to `limitBytes`. A body that is not declared as JSON, is not valid JSON, is
 * too large or nests too deep becomes a problem response here, before any route sees it.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const parse = express.json({ limit: limitBytes, type: JSON_TYPES });
  return (request: Request, response: Response, next: NextFunction) => {
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody || !METHODS_WITH_BODIES.has(request.method)) {
      next();
      return;
    }
    if (!request.is(JSON_TYPES)) {
      next(new ProblemException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the request body as JSON with Content-Type: application/json.'));
      return;
    }
    parse(request, response, (error?: unknown) => {
      if (error !== undefined) next(toProblem(error, limitBytes));
      else if (jsonDepthExceeds(request.body)) {
        next(new ProblemException(400, ErrorCode.VALIDATION_FAILED, `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`));
      } else next();
    });
  };
}

function toProblem(error: unknown, limitBytes: number): unknown {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return new ProblemException(413, ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than the limit of ${limitBytes} bytes.`);
  }
  if (type === 'entity.parse.failed') {
    return new ProblemException(400, ErrorCode.MALFORMED_JSON, `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new ProblemException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, (error as Error).message);
  }
  return error;
}
