import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ErrorCode } from '@jobs/contracts';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { QUERY_TOKEN_SCHEME } from '../openapi/openapi.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { parseUuid } from '../problems/validation.js';
import { JobStreamService } from './job-stream.service.js';

const EVENTS = `Events: \`status\` and \`progress\` as they happen; \`result\` (the whole job) when it ends, then the
stream closes; \`error\` (\`JobTimeout\`) if the job outlives its timeout; \`ping\` every SSE_PING_SECONDS.`;

@ApiTags('jobs')
@Controller('jobs')
export class JobStreamController {
  constructor(private readonly streams: JobStreamService) {}

  /** Server-Sent Events; browsers' EventSource may pass the token as `?access_token=`. */
  @Get(':id/stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  // Either scheme: the Authorization header, or `?access_token=` for EventSource clients.
  @ApiSecurity(QUERY_TOKEN_SCHEME)
  @ApiBearerAuth('bearer')
  @ApiOkResponse({ description: EVENTS, content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiNoContentResponse({ description: 'The job had finished and the client already saw its final event' })
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.JOB_NOT_FOUND)
  stream(
    @CurrentPrincipal() principal: Principal,
    @Param('id', parseUuid('id')) id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.streams.open(principal, id, lastEventId, request, response);
  }
}
