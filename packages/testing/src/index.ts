export { ApiClient, waitUntil, type ApiResponse, type RequestOptions } from './api-client.js';
export { OpenApiMismatchError, ResponseValidator, type OpenApiDocument, type ReceivedResponse } from './openapi-validator.js';
export { TEST_JWT_SECRET, mintToken, uniqueSubject, type TokenClaims } from './auth.js';
export {
  API_MAIN,
  ManagedProcess,
  WORKER_MAIN,
  sleep,
  spawnCommand,
  spawnNode,
  startApi,
  startWorker,
  type ExitStatus,
  type RunningApi,
  type SpawnOptions,
} from './processes.js';
export { startStack, type StackOptions, type TestStack } from './stack.js';
export { createMigratedDatabase } from './database.js';
export { responseValidatorFor, validatingFetch } from './validating-fetch.js';
export { openEventStream, type EventStream, type ServerSentEvent } from './event-stream.js';
export { PgBouncer, type PgBouncerOptions } from './pgbouncer.js';
export { OtlpReceiver, type OtlpReceiverOptions, type ReceivedRequest } from './otlp-receiver.js';
export type { Attributes, AttributeValue, OtlpEncoding, ReceivedEvent, ReceivedLink, ReceivedSpan, SpanKind, StatusCode } from './otlp/received-span.js';
