import { ErrorCode } from '@jobs/contracts';
import { JobChangedEventData, JobCreatedEventData, JobFeedQuery, JobFeedResyncEventData } from '@jobs/dto';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { QUERY_TOKEN_SCHEME } from '../openapi/openapi.js';
import { RECONNECT_DELAY_MS } from '../sse/sse-connection.js';
import { JobFeedService } from './job-feed.service.js';

const EVENTS = `Events, without ids: \`created\` ([JobCreatedEventData](${getSchemaPath(JobCreatedEventData)})) when a job
is submitted; \`changed\` ([JobChangedEventData](${getSchemaPath(JobChangedEventData)})) when a job's status or progress
changes, a retry included (back to PENDING, attempts 0); \`resync\` ([JobFeedResyncEventData](${getSchemaPath(JobFeedResyncEventData)}),
\`{}\`) first, once the feed listens, and again when changes may have been missed: (re)fetch the view then. A comment line every SSE_PING_SECONDS keeps
proxies from closing a quiet feed. Every feed starts with \`retry: ${RECONNECT_DELAY_MS}\` (the reconnection delay in ms).`;

const FEED = `The jobs of a scope as they are created and change, for a live table: the caller's own and their
organisation's jobs, as \`GET /v1/jobs\` lists them; admins may ask for every owner's (\`scope=all\`) or one
owner's (\`ownerId\`); \`type\` keeps only some types.

Not resumable (no \`Last-Event-ID\`): open the feed and, at its first \`resync\` (it listens from then on, so
nothing committed later is missed), fetch the view (\`GET /v1/jobs\` with the same scope); apply events to it as
they come (in commit order) and fetch it again at every later \`resync\` (every connection, a reconnection
included, starts with one). A \`created\` can arrive after the job's first \`changed\` (a worker may take a job
before its creation is announced): a job already shown ignores \`created\`.

Best effort: new jobs are announced just after their commit, so an API process that stops in between
leaves them unannounced (a refetch shows them). Deletions and purges are not announced. A client that
leaves too much unread is cut off; it reconnects after \`retry:\` and refetches.`;

@ApiTags('jobs')
@Controller('jobs')
export class JobFeedController {
  constructor(private readonly feeds: JobFeedService) {}

  /** Server-Sent Events of jobs created and changed in the caller's scope; browsers' EventSource may pass the token as `?access_token=`. */
  @Get('events')
  @ApiOperation({ description: FEED })
  // Either scheme: the Authorization header, or `?access_token=` for EventSource clients.
  @ApiSecurity(QUERY_TOKEN_SCHEME)
  @ApiBearerAuth('bearer')
  @ApiExtraModels(JobCreatedEventData, JobChangedEventData, JobFeedResyncEventData)
  @ApiOkResponse({ description: EVENTS, content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN)
  events(@CurrentPrincipal() principal: Principal, @Query() query: JobFeedQuery, @Req() request: Request, @Res() response: Response): void {
    this.feeds.open(principal, query, request, response);
  }
}
