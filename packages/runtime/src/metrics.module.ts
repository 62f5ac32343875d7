import { type DynamicModule, Global, Module } from '@nestjs/common';
import { METRICS_OPTIONS, type MetricsOptions, MetricsService } from './metrics.service.js';

@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: METRICS_OPTIONS, useValue: options }, MetricsService],
      exports: [MetricsService],
    };
  }
}
