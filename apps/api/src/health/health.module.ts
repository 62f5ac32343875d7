import { PlatformHealthModule } from '@jobs/runtime';
import { Module } from '@nestjs/common';
import { SseModule } from '../sse/sse.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [PlatformHealthModule, SseModule], controllers: [HealthController] })
export class HealthModule {}
