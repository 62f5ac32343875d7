import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitGuard } from './rate-limit.guard.js';

/** Per-token rate limits; imported after the auth module so its guard runs after authentication. */
@Module({})
export class LimitsModule {
  static register(requestsPerMinute: number): DynamicModule {
    return {
      module: LimitsModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: requestsPerMinute }], skipIf: () => requestsPerMinute === 0 })],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
