import { PlatformHealthModule } from '@jobs/runtime';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SseModule } from '../sse/sse.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [PlatformHealthModule, SseModule, AuthModule], controllers: [HealthController] })
export class HealthModule {}
