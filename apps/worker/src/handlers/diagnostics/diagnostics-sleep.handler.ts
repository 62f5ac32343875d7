import { setTimeout as sleep } from 'node:timers/promises';
import type { DiagnosticsSleepPayload, DiagnosticsSleepResult } from '@jobs/contracts';
import { DIAGNOSTICS_SLEEP } from '@jobs/dto';
import { Injectable } from '@nestjs/common';
import type { JobContext, JobHandler } from '../../execution/job-handler.js';

export class DiagnosticFailure extends Error {
  readonly code = 'DiagnosticFailure';
}

@Injectable()
export class DiagnosticsSleepHandler implements JobHandler<DiagnosticsSleepPayload, DiagnosticsSleepResult> {
  static readonly jobType = DIAGNOSTICS_SLEEP.name;

  async handle(payload: DiagnosticsSleepPayload, context: JobContext): Promise<DiagnosticsSleepResult> {
    if (context.attempt <= (payload.failAttempts ?? 0)) {
      throw new DiagnosticFailure(`failing attempt ${context.attempt} of the first ${payload.failAttempts} as asked`);
    }
    const steps = payload.steps ?? 10;
    const signal = payload.ignoreAbort ? undefined : context.signal;
    const logLines = payload.logLines ?? 0;
    const startedAt = performance.now();
    let logged = 0;
    for (let step = 1; step <= steps; step += 1) {
      await sleep(payload.durationMs / steps, undefined, signal ? { signal } : {});
      context.progress(step, steps, `slept ${step} of ${steps} steps`);
      // The lines spread over the steps, so a stream sees them arrive while the job runs.
      for (; logged < Math.floor((logLines * step) / steps); logged += 1) {
        const line = logged + 1;
        if (line % 10 === 0) context.logger.warn(`line ${line} of ${logLines}`, { line, step });
        else context.logger.log(`line ${line} of ${logLines}`, { line, step });
      }
    }
    return { sleptMs: Math.round(performance.now() - startedAt), attempt: context.attempt, steps };
  }
}
