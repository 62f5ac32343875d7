import type { PrismaService, TransactionClient } from '@jobs/database';

interface Step {
  work: (tx: TransactionClient) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A transaction a test keeps open across its own steps: the row locks its statements take hold until
 * `commit`, so another operation started meanwhile waits for it, and the test decides which commits
 * first.
 */
export class OpenTransaction {
  private readonly steps: Step[] = [];
  private wake: (() => void) | null = null;
  private committing = false;
  private readonly finished: Promise<void>;

  private constructor(prisma: PrismaService) {
    // Long limits: a loaded machine must not end the transaction before the test commits it.
    this.finished = prisma.$transaction((tx) => this.serve(tx), { maxWait: 30_000, timeout: 60_000 });
    this.finished.catch(() => undefined);
  }

  static begin(prisma: PrismaService): OpenTransaction {
    return new OpenTransaction(prisma);
  }

  run<T>(work: (tx: TransactionClient) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.steps.push({ work, resolve: (value) => resolve(value as T), reject });
      this.wake?.();
    });
  }

  async commit(): Promise<void> {
    this.committing = true;
    this.wake?.();
    await this.finished;
  }

  private async serve(tx: TransactionClient): Promise<void> {
    for (;;) {
      const step = this.steps.shift();
      if (step) {
        try {
          step.resolve(await step.work(tx));
        } catch (error) {
          step.reject(error);
          throw error;
        }
      } else if (this.committing) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    }
  }
}
