import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { parseUuid } from '../problems/validation.js';
import { JobStreamService } from './job-stream.service.js';

@Controller('jobs')
export class JobStreamController {
  constructor(private readonly streams: JobStreamService) {}

  /** Server-Sent Events; browsers' EventSource may pass the token as `?access_token=`. */
  @Get(':id/stream')
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
