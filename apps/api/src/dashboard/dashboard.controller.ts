import { ErrorCode } from '@jobs/contracts';
import { Controller, Get, Headers, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/jwt-auth.guard.js';
import { ProblemException } from '../problems/problem.exception.js';
import { DashboardFiles, type DashboardFile } from './dashboard-files.js';
import { dashboardTarget } from './dashboard-paths.js';

export const DASHBOARD_PATH = '/dashboard/';

/**
 * The web dashboard: a single-page app that signs in with a bearer token and uses the public `/v1`
 * routes like any other client. Public (the token stays in the browser until it calls the API).
 */
@Public()
@SkipThrottle()
// Its paths are documented by hand (dashboard-openapi.ts): one wildcard route serves pages and assets.
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly files: DashboardFiles) {}

  /** The dashboard: index.html for its pages (revalidated on each load), hashed assets cached for a year. */
  @Get('{*path}')
  serve(
    @Param('path') path: string[] | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() response: Response,
  ): void {
    const target = dashboardTarget(path ?? []);
    if (target === null) throw new ProblemException(404, ErrorCode.NOT_FOUND, `No dashboard page or asset /dashboard/${(path ?? []).join('/')}.`);
    if (this.files.index === null) throw new ProblemException(404, ErrorCode.NOT_FOUND, 'The dashboard was not built into this API (run `pnpm build`).');
    if (target.kind === 'page') {
      send(this.files.index, response, ifNoneMatch, acceptEncoding);
      return;
    }
    const asset = this.files.asset(target.path);
    if (asset === null) throw new ProblemException(404, ErrorCode.NOT_FOUND, `No dashboard asset /dashboard/${target.path}.`);
    send(asset, response, ifNoneMatch, acceptEncoding);
  }

  /** `/dashboard` without its slash (declared after the page route, which takes `/dashboard/`). */
  @Get()
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
