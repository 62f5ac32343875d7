import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The request's id (given by the caller as `X-Request-Id` or made up by the logging middleware). */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const id = context.switchToHttp().getRequest<Request & { id?: unknown }>().id;
  return typeof id === 'string' ? id : undefined;
});
