import { ErrorCode } from '@jobs/contracts';
import { JobChanges } from '@jobs/jobs';
import { PlatformHealthIndicators } from '@jobs/runtime';
import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { JwksKeySet } from '../auth/jwks-key-set.js';
import { Public } from '../auth/jwt-auth.guard.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { ProblemException } from '../problems/problem.exception.js';
import { SseConnections } from '../sse/sse-connections.service.js';

const HEALTH_EXAMPLE = {
  status: 'ok',
  info: { database: { status: 'up' }, queue: { status: 'up' }, events: { status: 'up', streams: 0, subscribers: 0 } },
  error: {},
  details: { database: { status: 'up' }, queue: { status: 'up' }, events: { status: 'up', streams: 0, subscribers: 0 } },
};

/** Each check by name, with `status` and what the check adds (response times, counts). */
const CHECKS_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } } },
};

/** @nestjs/terminus's result when every check is up (a check that is down answers 503 instead). */
const READINESS_SCHEMA = {
  type: 'object',
  required: ['status', 'info', 'error', 'details'],
  properties: { status: { const: 'ok' }, info: CHECKS_SCHEMA, error: CHECKS_SCHEMA, details: CHECKS_SCHEMA },
  example: HEALTH_EXAMPLE,
};

@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly platform: PlatformHealthIndicators,
    private readonly indicators: HealthIndicatorService,
    private readonly changes: JobChanges,
    private readonly streams: SseConnections,
    @Inject(JwksKeySet) private readonly keySet: JwksKeySet | null,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  @ApiOkResponse({ schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } }, example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: PostgreSQL answers, the queue schema is readable, job events are being heard and, with
   * JWT_JWKS_URL, the identity provider's key set has been fetched (a failed refresh leaves it up:
   * the keys fetched before still verify tokens, and `lastError` says why).
   */
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Every check is up', schema: READINESS_SCHEMA })
  @ApiProblems(ErrorCode.SERVICE_UNAVAILABLE)
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.platform.database(),
        () => this.platform.queue(),
        () =>
          this.changes.listening
            ? this.indicators.check('events').up({ streams: this.streams.count, subscribers: this.changes.subscriberCount })
            : this.indicators.check('events').down('the job event listener is reconnecting'),
        ...(this.keySet ? [() => this.identityProviderKeys(this.keySet as JwksKeySet)] : []),
      ]);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const failing = Object.entries(result.error ?? {}).map(([name, check]) => `${name}${typeof check?.['message'] === 'string' ? ` (${check['message']})` : ''}`);
      throw new ProblemException(503, ErrorCode.SERVICE_UNAVAILABLE, `Not ready: ${failing.join(', ')} down.`, {
        extensions: { checks: result.details },
        headers: { 'Retry-After': '5' },
      });
    }
  }

  private identityProviderKeys(keySet: JwksKeySet) {
    const { loaded, ...state } = keySet.state();
    const check = this.indicators.check('identityProviderKeys');
    return loaded ? check.up(state) : check.down({ message: "the identity provider's key set cannot be fetched", ...state });
  }
}
