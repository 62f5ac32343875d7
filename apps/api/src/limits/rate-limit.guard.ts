import { ErrorCode } from '@jobs/contracts';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Principal } from '../auth/principal.js';
import { ProblemException } from '../problems/problem.exception.js';

/** Limits requests per token subject (per client address before authentication), as 429 problems. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = request['user'] as Principal | undefined;
    return principal ? `sub:${principal.sub}` : `ip:${String(request['ip'])}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException(
      429,
      ErrorCode.RATE_LIMITED,
      `More than ${detail.limit} requests in ${Math.round(detail.ttl / 1000)} s; retry in ${retryAfter} s.`,
      { headers: { 'Retry-After': String(retryAfter) } },
    );
  }
}
