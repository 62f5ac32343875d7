import { flattenValidationErrors } from '@jobs/dto';
import { ParseUUIDPipe, ValidationPipe } from '@nestjs/common';
import { ProblemException } from './problem.exception.js';

/** Request DTOs: unknown fields are refused, values converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors)),
  });
}

/** Path ids: anything but a UUID is a 400, never a database error. */
export function parseUuid(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => ProblemException.validation([{ field: name, message: `${name} must be a UUID` }]),
  });
}
