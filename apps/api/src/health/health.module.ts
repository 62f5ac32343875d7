import { PlatformHealthModule } from '@jobs/runtime';
import { Module } from '@nestjs/common';
import { StreamsModule } from '../streams/streams.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [PlatformHealthModule, StreamsModule], controllers: [HealthController] })
export class HealthModule {}
