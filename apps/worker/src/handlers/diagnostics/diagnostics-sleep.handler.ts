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
    const startedAt = performance.now();
    for (let step = 1; step <= steps; step += 1) {
      await sleep(payload.durationMs / steps, undefined, signal ? { signal } : {});
      context.progress(step, steps, `slept ${step} of ${steps} steps`);
    }
    return { sleptMs: Math.round(performance.now() - startedAt), attempt: context.attempt, steps };
  }
}
