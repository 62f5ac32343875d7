import { ErrorCode } from '@jobs/contracts';
import { Controller, Get, Headers, Param, Redirect, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/jwt-auth.guard.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { ProblemException } from '../problems/problem.exception.js';
import { DashboardFiles, type DashboardFile } from './dashboard-files.js';

export const DASHBOARD_PATH = '/dashboard/';

const PAGE_OR_ASSET = {
  description: 'The dashboard page (for any path outside `assets/`, so that its links can be opened directly) or a built asset',
  content: { 'text/html': { schema: { type: 'string' } }, 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } },
};

/**
 * The web dashboard: a single-page app that signs in with a bearer token and uses the public `/v1`
 * routes like any other client. Public (the token stays in the browser until it calls the API).
 */
@Public()
@SkipThrottle()
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly files: DashboardFiles) {}

  /** The dashboard: index.html for its pages (revalidated on each load), hashed assets cached for a year. */
  @Get('{*path}')
  @ApiOperation({ security: [] })
  @ApiParam({ name: 'path', description: 'A dashboard page (`jobs/…`, `submit`, …) or a built asset (`assets/…`)', example: 'jobs' })
  @ApiProduces('text/html', 'text/javascript', 'text/css')
  @ApiResponse({ status: 200, ...PAGE_OR_ASSET })
  @ApiResponse({ status: 304, description: 'Not modified (`If-None-Match` named the current ETag)' })
  @ApiProblems(ErrorCode.NOT_FOUND)
  serve(
    @Param('path') path: string[] | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() response: Response,
  ): void {
    const relativePath = (path ?? []).join('/');
    const file = relativePath.startsWith('assets/') ? this.files.asset(relativePath) : this.files.index;
    if (file === null) {
      throw new ProblemException(404, ErrorCode.NOT_FOUND, this.files.index === null ? 'The dashboard was not built into this API (run `pnpm build`).' : `No dashboard asset ${relativePath}.`);
    }
    send(file, response, ifNoneMatch, acceptEncoding);
  }

  /** `/dashboard` without its slash (declared after the page route, which takes `/dashboard/`). */
  @Get()
  @ApiOperation({ security: [] })
  @ApiResponse({ status: 301, description: 'To `/dashboard/`, which its links are relative to', headers: { Location: { schema: { type: 'string' } } } })
  @Redirect(DASHBOARD_PATH, 301)
  root(): void {}
}

function send(file: DashboardFile, response: Response, ifNoneMatch: string | undefined, acceptEncoding: string | undefined): void {
  response.set({ 'Cache-Control': file.cacheControl, ETag: file.etag, Vary: 'Accept-Encoding' });
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
    response.status(304).end();
    return;
  }
  const encoding = file.encodingFor(acceptEncoding);
  if (encoding !== 'identity') response.set('Content-Encoding', encoding);
  response.status(200).type(file.contentType).send(file.body(encoding));
}
