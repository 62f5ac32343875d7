import { Logger } from '@nestjs/common';

interface Closable {
  close(): Promise<void>;
}

/**
 * On SIGTERM or SIGINT, closes the Nest application (its shutdown hooks drain work and release
 * connections) and exits 0, or 1 if closing failed. A second signal exits at once.
 */
export function exitOnSignals(app: Closable, name: string): void {
  const logger = new Logger(name);
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    logger.log(`${signal}: shutting down gracefully`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
