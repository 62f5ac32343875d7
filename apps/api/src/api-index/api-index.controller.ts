import { ApiIndex } from '@jobs/dto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/jwt-auth.guard.js';
import { DASHBOARD_PATH } from '../dashboard/dashboard.controller.js';
import { OPENAPI_JSON_PATH, OPENAPI_UI_PATH } from '../openapi/openapi.js';
import { PROBLEMS_PATH } from '../problems/problem-pages.js';
import { prefersHtml } from './prefers-html.js';

const API_INDEX: ApiIndex = {
  name: 'Jobs platform API',
  links: {
    docs: `/${OPENAPI_UI_PATH}`,
    openapi: `/${OPENAPI_JSON_PATH}`,
    health: '/health/ready',
    problems: PROBLEMS_PATH,
    jobs: '/v1/jobs',
    dashboard: DASHBOARD_PATH,
  },
};

/** `/`, so that whoever finds the API's address learns where to read about it; a browser is sent to the dashboard. */
@Public()
@SkipThrottle()
@ApiTags('operations')
@Controller()
export class ApiIndexController {
  /** Where the documentation, the OpenAPI document, the readiness probe, the problem pages, the jobs and the dashboard are. */
  @Get()
  @ApiOperation({ security: [] })
  @ApiOkResponse({ type: ApiIndex })
  @ApiResponse({
    status: 302,
    description: 'To the dashboard, when the request prefers HTML (a browser)',
    headers: { Location: { schema: { type: 'string' } } },
  })
  index(@Headers('accept') accept: string | undefined, @Res() response: Response): void {
    response.vary('Accept');
    if (prefersHtml(accept)) response.redirect(302, DASHBOARD_PATH);
    else response.json(API_INDEX);
  }
}
