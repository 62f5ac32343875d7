import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ErrorCode } from '@jobs/contracts';
import { JobStreamQuery } from '@jobs/dto';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { QUERY_TOKEN_SCHEME } from '../openapi/openapi.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { parseUuid } from '../problems/validation.js';
import { RECONNECT_DELAY_MS } from '../sse/sse-connection.js';
import { JobStreamService } from './job-stream.service.js';

const EVENTS = `Events: \`status\` (\`{ jobId, status, attempts }\`) and \`progress\` as they happen; \`log\` (a JobLogLine)
for each line the job logs (see \`logsAfter\`); \`result\` (the whole job) when it ends, after its last \`log\`, then the stream closes; \`error\` (\`JobTimeout\`) if the job outlives its timeout; \`ping\` every
SSE_PING_SECONDS (no id). Every stream starts with \`retry: ${RECONNECT_DELAY_MS}\` (the reconnection delay in ms).`;

const RESUMING = `Event ids: \`<run>.<step>\` on \`status\`, \`<run>.<step>.<progressAt>\` on \`progress\`, \`<run>.final\` on
\`result\`. A run (the job's runAt in ms; a retry starts a new one) goes through numbered steps: PENDING (0),
attempt 1 PROCESSING (1), PENDING waiting for the retry (2), attempt 2 (3), … (a worker lost mid-attempt
counts as a wait too); \`progressAt\` is when the job stored that progress.

Resuming with \`Last-Event-ID\` (EventSource sends it when it reconnects): no event the client already has
is sent again; a \`status\` for every step it missed, in order; the job's latest \`progress\` if the job is
running and it is newer than the client's (progress in between is not replayed); the \`result\` once, or
\`204\` when the client has it. Not replayed: a wait for a retry right before the job was cancelled or its
last worker lost (the job's row does not say it happened). An id that is not one of ours, of another run
or of a step the run has not reached starts afresh: the current status and progress, or the result of a
finished job.
Log position: once the stream has one (the last line sent, or the job's last line when a fresh stream opened),
every id ends in \`.L<seq>\` (\`<run>.<step>.L<seq>\`; \`log\` events carry the last status or progress id with their
own \`seq\`). Resuming sends the lines after it; an id without one sends the log from its start.`;

@ApiTags('jobs')
@Controller('jobs')
export class JobStreamController {
  constructor(private readonly streams: JobStreamService) {}

  /** Server-Sent Events; browsers' EventSource may pass the token as `?access_token=`. */
  @Get(':id/stream')
  @ApiOperation({ description: RESUMING })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id (the rule is in the description of the operation)' })
  // Either scheme: the Authorization header, or `?access_token=` for EventSource clients.
  @ApiSecurity(QUERY_TOKEN_SCHEME)
  @ApiBearerAuth('bearer')
  @ApiOkResponse({ description: EVENTS, content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiNoContentResponse({ description: 'The job had finished and `Last-Event-ID` is its `result` event: nothing is missing (EventSource stops)' })
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.JOB_NOT_FOUND)
  stream(
    @CurrentPrincipal() principal: Principal,
    @Param('id', parseUuid('id')) id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query() query: JobStreamQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.streams.open(principal, id, lastEventId, query.logsAfter ?? null, request, response);
  }
}
