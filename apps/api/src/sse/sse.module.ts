import { Module } from '@nestjs/common';
import { SseConnections } from './sse-connections.service.js';

@Module({
  providers: [SseConnections],
  exports: [SseConnections],
})
export class SseModule {}
