export { EnvironmentError, IntegerSetting, loadEnvironment } from './environment.js';
export { exitOnSignals } from './shutdown.js';
export { isProbeOrScrape } from './probe-paths.js';
export { CommonEnvironment, loggingOptionsFor } from './common-environment.js';
export { MetricsModule } from './metrics.module.js';
export { MetricsService, type MetricsOptions } from './metrics.service.js';
export { PlatformHealthIndicators, PlatformHealthModule } from './health.module.js';
export { LoggingModule, REQUEST_ID_HEADER, requestIdFor, type LoggingOptions } from './logging.module.js';
