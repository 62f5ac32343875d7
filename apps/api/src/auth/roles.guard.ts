import { ErrorCode } from '@jobs/contracts';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from '../problems/problem.exception.js';
import type { Principal } from './principal.js';

/** For admin-only routes: a valid token without the `admin` role gets 403. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<Request>().user as Principal | undefined;
    if (!principal?.isAdmin) throw new ProblemException(403, ErrorCode.FORBIDDEN, 'This route needs the admin role.');
    return true;
  }
}
