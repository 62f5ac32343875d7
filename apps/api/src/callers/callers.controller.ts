import { CallerResponse } from '@jobs/dto';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';

@ApiTags('callers')
@Controller('me')
export class CallersController {
  /** Who the API takes the caller to be: subject, organisation, roles and when the token expires. */
  @Get()
  me(@CurrentPrincipal() principal: Principal): CallerResponse {
    return {
      sub: principal.sub,
      org: principal.org,
      roles: principal.roles,
      admin: principal.isAdmin,
      tokenExpiresAt: principal.expiresAt === null ? null : new Date(principal.expiresAt * 1000).toISOString(),
    };
  }
}
