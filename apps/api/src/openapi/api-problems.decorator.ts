import { ERROR_CODES, type ErrorCode } from '@jobs/contracts';
import { ProblemDetails } from '@jobs/dto';
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents the problem responses a route can give beyond the ones every `/v1` route can (see openapi.ts). */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = Map.groupBy(codes, (code) => ERROR_CODES[code].status);
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...[...byStatus].map(([status, group]) =>
      ApiResponse({
        status,
        description: `Problem: ${group.map((code) => `\`${code}\``).join(', ')}`,
        content: { 'application/problem+json': { schema: problemSchema(group) } },
      }),
    ),
  );
}

/** The problem schema narrowed to the codes a response can carry. */
export function problemSchema(codes: readonly ErrorCode[]): Record<string, unknown> {
  return { allOf: [{ $ref: getSchemaPath(ProblemDetails) }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] };
}
