import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ApiEnvironment } from '../config/api-environment.js';
import { JwksKeySet } from './jwks-key-set.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { JwtStrategy } from './jwt.strategy.js';

const JWKS_FETCH_TIMEOUT_MS = 5_000;

@Module({
  imports: [PassportModule],
  providers: [
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    {
      // Null without JWT_JWKS_URL. Fetched at start, so the first tokens need not wait for the provider.
      provide: JwksKeySet,
      inject: [ApiEnvironment],
      useFactory: (env: ApiEnvironment): JwksKeySet | null => {
        if (!env.JWT_JWKS_URL) return null;
        const keySet = new JwksKeySet(env.JWT_JWKS_URL, {
          maxAgeMs: env.JWT_JWKS_CACHE_SECONDS * 1000,
          cooldownMs: env.JWT_JWKS_COOLDOWN_SECONDS * 1000,
          timeoutMs: JWKS_FETCH_TIMEOUT_MS,
        });
        void keySet.refresh();
        return keySet;
      },
    },
  ],
  exports: [JwksKeySet],
})
export class AuthModule {}
