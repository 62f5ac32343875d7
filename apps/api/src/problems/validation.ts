import { nulCharacterPath } from '@jobs/contracts';
import { flattenValidationErrors } from '@jobs/dto';
import { type ArgumentMetadata, ParseUUIDPipe, ValidationPipe } from '@nestjs/common';
import { ProblemException } from './problem.exception.js';

/**
 * Before the DTO's rules, a query or body holding U+0000 anywhere (a value or a key) is refused,
 * naming the field: PostgreSQL's `text` and `jsonb` can neither store nor compare it, so it would
 * otherwise fail inside a statement.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' || metadata.type === 'body') {
      const field = nulCharacterPath(value, metadata.data ?? '');
      if (field !== null) {
        throw ProblemException.validation([
          { field: field || metadata.type, message: `${field || `the ${metadata.type}`} contains the NUL character (U+0000), which cannot be stored` },
        ]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** Request DTOs: unknown fields are refused, values converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
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
