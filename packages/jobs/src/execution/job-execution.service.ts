import { setTimeout as sleep } from 'node:timers/promises';
import { JobErrorCode, type JobSummary } from '@jobs/contracts';
import { NotificationListener, PrismaService, sessionUrl } from '@jobs/database';
import { fairnessOf, rateLimitOf } from '@jobs/dto';
import { inSpan, markFailed, type Span, withSpanActive } from '@jobs/tracing';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Batcher } from '../batcher.js';
import { JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { AttemptLog } from '../logs/attempt-log.js';
import { insertJobLogs, type JobLogBound, type JobLogEntry } from '../logs/insert-job-logs.js';
import { CHANNELS, parseCancellations } from '../notifications/channels.js';
import { type FetchedEntry, JobQueue } from '../queue/job-queue.js';
import { tenantSlotLimit } from '../queue/fair-share.js';
import { EXPIRY_GRACE_SECONDS, queueNameFor, WEBHOOK_QUEUE } from '../queue/queue-entry.js';
import { toJobSummary } from '../records/presenters.js';
import { loadWebhookDelivery } from '../webhooks/load-webhook-delivery.js';
import { recordWebhookAttempt } from '../webhooks/record-webhook-attempt.js';
import type { Attempt, AttemptEnd, AttemptOutcome, AttemptRunner, AttemptSettlement } from './attempt.js';
import { AttemptWriter } from './attempt-writer.js';
import { claimJobs } from './claim-jobs.js';
import { EntrySettler } from './entry-settler.js';
import { findCancelled } from './find-cancelled.js';
import { JobFailure } from './job-failure.js';
import { ProgressReporter } from './progress-reporter.js';
import { QueuePump } from './queue-pump.js';
import { reconcileLostJobs } from './reconcile-lost-jobs.js';
import { type ProgressReport, reportProgress } from './report-progress.js';
import { StartThrottle } from './start-throttle.js';
import { retryingTransient } from './transient-errors.js';
import { findDeadWorkers } from '../workers/find-dead-workers.js';
import { findLostAttempts } from '../workers/find-lost-attempts.js';
import { retireDeadWorkers } from '../workers/retire-dead-workers.js';
import { WorkerPresence } from '../workers/worker-presence.js';
import { recordFailures } from './record-failures.js';
import { recordAttemptEnd, startAttemptSpan } from './attempt-span.js';

/** How long an aborted handler may go on before its entry is released for a retry: less than pg-boss's expiry grace. */
const HANDLER_SETTLE_MS = (EXPIRY_GRACE_SECONDS - 5) * 1000;

/** After the shutdown timeout, how long aborted attempts get to record their end. */
const ABORTED_SETTLE_MS = 5_000;

/** What a job's log keeps unless the worker says otherwise. */
const DEFAULT_LOG_BOUND: JobLogBound = { maxLines: 1000, maxBytes: 256 * 1024 };

/** How often a worker looks for dead peers: a read of the small `workers` table (and pg_stat_activity for the silent ones). */
const LOST_WORKER_CHECK_MS = 1_000;

const LOST_WORKER_MESSAGE = 'The worker running the attempt died (its database session ended)';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WorkOptions {
  /** Jobs of this type running at once in this process. */
  concurrency: number;
  /** How often an idle loop looks for retries and delayed jobs (new jobs are announced). */
  pollIntervalSeconds: number;
}

/** A finished job's webhook, to be delivered by the worker. */
export interface WebhookDelivery {
  jobId: string;
  url: string;
  secret: string;
  /** The job as `/status` shows it: the body to send. */
  summary: JobSummary;
  /** 1 for the first delivery attempt. */
  attempt: number;
}

export type WebhookOutcome = { delivered: true } | { delivered: false; error: string; retry: boolean };

/**
 * Running jobs in a worker: fetch loops per type, each claiming the jobs of many queue entries in
 * one statement, running them through the worker's runner, and writing their ends in batches
 * (completion, result and queue entry in one statement). It aborts handlers of cancelled jobs within
 * milliseconds (`job_cancellations`), fails jobs whose worker was lost on their last attempt, and
 * on shutdown stops fetching, lets running jobs finish, then gives the rest back.
 */
@Injectable()
export class JobExecution implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobExecution');
  private readonly pumps: { pump: QueuePump<Attempt> | QueuePump<FetchedEntry>; drained: () => Promise<void> }[] = [];
  /** Running attempts by job id, so a cancellation reaches the right handler. */
  private readonly running = new Map<string, Attempt>();
  private readonly progress = new Batcher<ProgressReport, void>((reports) => this.writeProgress(reports), { maxItems: 500 });
  /**
   * Log lines of every running job, many jobs' lines a statement: an item is the lines an attempt
   * logged in one turn of the event loop (at most its bound); the outcome says whether its job's log is full.
   */
  private readonly logLines = new Batcher<JobLogEntry[], boolean>((chunks) => this.writeLogs(chunks), { maxItems: 100 });
  private readonly logBound: JobLogBound;
  private readonly cancellations: NotificationListener;
  /** Fires when the shutdown timeout passed: waits for aborted handlers end early. */
  private readonly shutdown = new AbortController();
  private reconcileTimer: NodeJS.Timeout | null = null;
  private reconciling = false;
  /** This process in the `workers` table; its id marks the attempts it claims. */
  private readonly presence: WorkerPresence;
  private lostWorkerTimer: NodeJS.Timeout | null = null;
  private recovering = false;

  constructor(
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
  ) {
    this.logBound = options.logBound ?? DEFAULT_LOG_BOUND;
    this.presence = new WorkerPresence(prisma);
    // The listener's session is the one the worker holds while it lives: it registers through it.
    this.cancellations = new NotificationListener({
      url: sessionUrl(options),
      channels: [CHANNELS.cancellations],
      log: (message) => this.logger.warn(message),
      onConnect: (session) => this.presence.register(session),
    });
    this.cancellations.on('notification', (_channel, payload) => {
      for (const id of parseCancellations(payload)) this.cancel(id);
    });
    this.cancellations.on('reconnected', () => void this.catchUpCancellations());
  }

  async onModuleInit(): Promise<void> {
    await this.cancellations.start();
    this.presence.start(this.cancellations);
  }

  onApplicationBootstrap(): void {
    const seconds = this.options.superviseIntervalSeconds ?? 15;
    this.reconcileTimer = setInterval(() => void this.reconcileLostJobs(), seconds * 1000);
    this.lostWorkerTimer = setInterval(() => void this.recoverLostWorkers(), LOST_WORKER_CHECK_MS);
  }

  /** This worker's id in the `workers` table. */
  get workerId(): string {
    return this.presence.identity.id;
  }

  /**
   * Fails, as LOST, the running attempts of workers that died (their database session is gone:
   * see DEAD_WORKER_SQL), through the same fenced statement as any failed attempt, and hands their
   * queue entries back to pg-boss, which retries them (after the queue's backoff) or, on a last
   * attempt, the job fails (`WorkerLost`). Without this, pg-boss notices only when the entries'
   * heartbeat lapses. Concurrent sweeps in several workers are harmless: the fence lets one win.
   * Returns how many attempts it recovered.
   */
  async recoverLostWorkers(): Promise<number> {
    if (this.recovering) return 0;
    this.recovering = true;
    try {
      const dead = await findDeadWorkers(this.prisma);
      if (dead.length === 0) return 0;
      let recovered = 0;
      for (const [queueName, lost] of Map.groupBy(await findLostAttempts(this.prisma, dead), (attempt) => attempt.queueName)) {
        const failures = lost.map((attempt) => ({
          id: attempt.id,
          attempt: attempt.attempt,
          queueJobId: attempt.queueJobId,
          retryCount: attempt.retryCount,
          final: attempt.attempt >= attempt.maxAttempts,
          code: JobErrorCode.WORKER_LOST,
          message: LOST_WORKER_MESSAGE,
          hasWebhook: attempt.hasWebhook,
        }));
        const recorded = await retryingTransient(() =>
          this.prisma.$transaction(async (tx) => {
            const changed = new Set(await recordFailures(tx, queueName, failures));
            await this.queue.enqueueWebhooks(tx, failures.filter((failure) => changed.has(failure.id) && failure.final && failure.hasWebhook).map((failure) => failure.id));
            return changed;
          }),
        );
        const retried = failures.filter((failure) => recorded.has(failure.id) && !failure.final);
        if (retried.length > 0) {
          const entries = retried.map((failure) => ({ id: failure.queueJobId, retryCount: failure.retryCount, message: { jobId: failure.id }, withinShare: false }));
          await this.queue.fail(queueName, entries, { code: JobErrorCode.WORKER_LOST, message: LOST_WORKER_MESSAGE });
          this.queue.announce([queueName]);
        }
        if (recorded.size > 0) this.logger.warn(`recovered ${recorded.size} job(s) of a dead worker: ${[...recorded].join(', ')}`);
        recovered += recorded.size;
      }
      const retired = await retireDeadWorkers(this.prisma, dead);
      if (retired.length > 0) this.logger.warn(`worker(s) ${retired.join(', ')} died (their database session is gone)`);
      return recovered;
    } catch (error) {
      this.logger.warn(`recovering the jobs of dead workers failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    } finally {
      this.recovering = false;
    }
  }

  /** Runs the jobs of `type` with `runner`, `options.concurrency` at a time, until the worker stops. */
  work(type: string, options: WorkOptions, runner: AttemptRunner): void {
    const definition = this.options.catalog.find(type);
    if (!definition) throw new Error(`job type ${type} is not in the catalog`);
    const queueName = queueNameFor(type);
    const writer = new AttemptWriter(this.prisma, this.queue, queueName, definition.resultType);
    const settler = new EntrySettler(this.prisma, this.queue, queueName);
    const fairness = fairnessOf(definition);
    const rateLimit = rateLimitOf(definition);
    const pump = new QueuePump<Attempt>(
      this.queue,
      {
        queue: queueName,
        concurrency: options.concurrency,
        pollIntervalMs: options.pollIntervalSeconds * 1000,
        tenantLimit: fairness ? tenantSlotLimit(fairness, options.concurrency) : null,
        throttle: rateLimit ? new StartThrottle(this.prisma, type, rateLimit) : null,
      },
      {
        take: (entries) => this.claim(entries, settler),
        run: (attempt, release) => this.runAttempt(attempt, runner, writer, settler, release),
        entryOf: (attempt) => attempt.entry,
        lost: (attempt) => attempt.controller.abort(JobFailure.claimLost()),
      },
      this.logger,
    );
    this.pumps.push({ pump, drained: () => Promise.all([writer.drained(), settler.drained()]).then(() => undefined) });
    pump.start();
  }

  /**
   * Delivers finished jobs' webhooks from their own queue with `deliver`, `concurrency` at a time.
   * A failed delivery is retried by the queue with backoff while `retry` says it may help.
   */
  deliverWebhooks(options: WorkOptions, deliver: (delivery: WebhookDelivery) => Promise<WebhookOutcome>): void {
    const settler = new EntrySettler(this.prisma, this.queue, WEBHOOK_QUEUE);
    const pump = new QueuePump<FetchedEntry>(
      this.queue,
      { queue: WEBHOOK_QUEUE, concurrency: options.concurrency, pollIntervalMs: options.pollIntervalSeconds * 1000, tenantLimit: null, throttle: null },
      {
        take: async (entries) => entries,
        run: (entry) => this.deliverWebhook(entry, deliver, settler),
        entryOf: (entry) => entry,
        lost: () => undefined,
      },
      this.logger,
    );
    this.pumps.push({ pump, drained: () => settler.drained() });
    pump.start();
  }

  /** Fails the jobs whose worker was lost on their last attempt; concurrent sweeps in several workers are harmless. */
  async reconcileLostJobs(): Promise<number> {
    if (this.reconciling) return 0;
    this.reconciling = true;
    try {
      const lost = await this.prisma.$transaction(async (tx) => {
        const jobs = await reconcileLostJobs(tx);
        await this.queue.enqueueWebhooks(tx, jobs.filter((job) => job.hasWebhook).map((job) => job.id));
        return jobs;
      });
      if (lost.length > 0) this.logger.warn(`failed ${lost.length} job(s) whose worker was lost: ${lost.map((job) => job.id).join(', ')}`);
      return lost.length;
    } catch (error) {
      this.logger.warn(`reconciliation failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    } finally {
      this.reconciling = false;
    }
  }

  /** Stops fetching, lets running jobs finish (up to the shutdown timeout), gives the rest back, and writes everything pending. */
  async onModuleDestroy(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    if (this.lostWorkerTimer) clearInterval(this.lostWorkerTimer);
    await Promise.all(this.pumps.map(({ pump }) => pump.stopFetching()));
    const deadline = performance.now() + (this.options.shutdownTimeoutMs ?? 30_000);
    const finished = await Promise.all(this.pumps.map(({ pump }) => pump.settled(Math.max(0, deadline - performance.now()))));
    if (finished.includes(false)) {
      this.logger.warn(`giving ${this.running.size} running job(s) back to the queue: they did not finish before the shutdown timeout`);
      for (const attempt of this.running.values()) attempt.controller.abort(JobFailure.workerStopped());
      this.shutdown.abort();
      await Promise.all(this.pumps.map(({ pump }) => pump.settled(ABORTED_SETTLE_MS)));
    }
    await Promise.all(this.pumps.map(({ drained }) => drained()));
    await Promise.all([this.progress.drained(), this.logLines.drained()]);
    for (const { pump } of this.pumps) pump.close();
    await this.presence.stop().catch((error: unknown) => this.logger.warn(`could not mark this worker stopped: ${String(error)}`));
    await this.cancellations.stop();
  }

  private async claim(entries: FetchedEntry[], settler: EntrySettler): Promise<Attempt[]> {
    const claimable = entries.filter((entry) => typeof entry.message?.jobId === 'string' && UUID.test(entry.message.jobId));
    const rows = claimable.length > 0 ? await claimJobs(this.prisma, this.workerId, claimable.map((entry) => ({ jobId: entry.message.jobId, queueJobId: entry.id }))) : [];
    const byEntry = new Map(rows.map((row) => [row.queueJobId, row]));
    const attempts: Attempt[] = [];
    for (const entry of entries) {
      const row = byEntry.get(entry.id);
      if (row) attempts.push(this.attemptFor(entry, row));
      // A delivery whose job is finished, gone or queued under another entry is acknowledged without running.
      else void settler.acknowledge(entry).catch((error: unknown) => this.logger.warn(`could not settle queue entry ${entry.id}: ${String(error)}`));
    }
    return attempts;
  }

  private attemptFor(entry: FetchedEntry, row: Attempt['row']): Attempt {
    const controller = new AbortController();
    const progress = new ProgressReporter((value) => this.progress.add({ id: row.id, attempt: row.attempt, queueJobId: row.queueJobId, progress: value }));
    const log = new AttemptLog(row.id, row.attempt, this.logBound, (lines) => this.logLines.add(lines));
    const attempt: Attempt = {
      entry,
      row,
      controller,
      progress,
      log,
      job: {
        id: row.id,
        type: row.type,
        payload: row.payload,
        attempt: row.attempt,
        maxAttempts: row.maxAttempts,
        timeoutSeconds: row.timeoutSeconds,
        requestId: entry.message.requestId,
        signal: controller.signal,
        reportProgress: (value) => progress.report(value),
        log: (level, message, fields) => log.record(level, message, fields),
      },
    };
    this.running.set(row.id, attempt);
    return attempt;
  }

  /** Runs an attempt inside its span (see attempt-span.ts): the handler's log lines and spans belong to it. */
  private runAttempt(attempt: Attempt, runner: AttemptRunner, writer: AttemptWriter, settler: EntrySettler, release: () => void): Promise<void> {
    const span = startAttemptSpan(attempt.row);
    return withSpanActive(span, () => this.runAttemptInSpan(attempt, runner, writer, settler, release, span)).finally(() => span.end());
  }

  private async runAttemptInSpan(attempt: Attempt, runner: AttemptRunner, writer: AttemptWriter, settler: EntrySettler, release: () => void, span: Span): Promise<void> {
    const startedAt = performance.now();
    let outcome: AttemptOutcome;
    try {
      outcome = await runner.run(attempt.job);
    } catch (error) {
      outcome = { status: 'failed', failure: JobFailure.from(error) };
    }
    const durationMs = Math.round(performance.now() - startedAt);
    // A handler that may still run (it ignored its abort) keeps its slot until it settles.
    if (outcome.status === 'completed' || !outcome.handlerSettled) release();
    // The job's progress and log lines are stored before its end, so a finished job's log is complete.
    await Promise.all([
      attempt.progress.flush().catch((error: unknown) => this.logger.warn(`progress of job ${attempt.row.id} could not be written: ${String(error)}`)),
      attempt.log.flush().catch((error: unknown) => this.logger.warn(`log lines of job ${attempt.row.id} could not be written: ${String(error)}`)),
    ]);
    let settlement: AttemptSettlement;
    try {
      settlement = { durationMs, ...(await this.settle(attempt, outcome, writer, settler)) };
    } catch (error) {
      this.logger.error(`the end of job ${attempt.row.id} could not be recorded; its queue entry will be retried: ${error instanceof Error ? error.message : String(error)}`);
      settlement = { durationMs, status: 'UNRECORDED', error };
    } finally {
      if (this.running.get(attempt.row.id) === attempt) this.running.delete(attempt.row.id);
    }
    recordAttemptEnd(span, settlement);
    try {
      runner.settled(attempt.job, settlement);
    } catch (error) {
      this.logger.warn(`after job ${attempt.row.id}: ${String(error)}`);
    }
  }

  private async settle(attempt: Attempt, outcome: AttemptOutcome, writer: AttemptWriter, settler: EntrySettler): Promise<AttemptEnd> {
    if (outcome.status === 'completed') return { status: (await writer.complete(attempt, outcome.data)) ? 'COMPLETED' : 'DISCARDED' };
    const { failure } = outcome;
    if (failure.code === JobErrorCode.CANCELLED) {
      // The job is CANCELLED already; its entry needs nothing more.
      await settler.acknowledge(attempt.entry);
      return { status: 'CANCELLED' };
    }
    const final = !failure.retryable || attempt.row.attempt >= attempt.row.maxAttempts;
    const recorded = await writer.fail(attempt, failure, final);
    if (!final) {
      if (outcome.handlerSettled) await this.outlast(outcome.handlerSettled, attempt);
      await settler.retry(attempt.entry, failure);
    }
    return { status: final ? 'FAILED' : 'RETRYING', failure, recorded };
  }

  /**
   * A handler aborted (on timeout) may still be running if it ignores its signal. Its queue entry is
   * held until it settles, so no second copy starts beside it; but not past the point where pg-boss
   * would expire the entry and retry anyway, nor past a shutdown.
   */
  private async outlast(work: Promise<unknown>, attempt: Attempt): Promise<void> {
    const settled = await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      sleep(HANDLER_SETTLE_MS, false, { signal: this.shutdown.signal }).catch(() => false),
    ]);
    if (!settled) this.logger.warn(`the handler of job ${attempt.row.id} ignored its abort signal for ${HANDLER_SETTLE_MS} ms; releasing the job for a retry`);
  }

  private cancel(jobId: string): void {
    const attempt = this.running.get(jobId);
    if (!attempt || attempt.controller.signal.aborted) return;
    attempt.controller.abort(JobFailure.cancelled());
    this.logger.log(`job ${jobId} cancelled: its handler was signalled`);
  }

  /** Cancellations announced while the listener was away: ask the database about every running job. */
  private async catchUpCancellations(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    const cancelled = await findCancelled(this.prisma, ids).catch(() => []);
    for (const id of cancelled) this.cancel(id);
  }

  private async writeProgress(reports: ProgressReport[]): Promise<void[]> {
    // The latest report of each attempt is the one that counts.
    const latest = new Map(reports.map((report) => [`${report.id}:${report.attempt}`, report]));
    await retryingTransient(() => reportProgress(this.prisma, [...latest.values()]));
    return reports.map(() => undefined);
  }

  private async writeLogs(chunks: JobLogEntry[][]): Promise<boolean[]> {
    const full = new Set(await retryingTransient(() => insertJobLogs(this.prisma, chunks.flat(), this.logBound)));
    return chunks.map((chunk) => chunk.some((entry) => full.has(entry.jobId)));
  }

  private async deliverWebhook(entry: FetchedEntry, deliver: (delivery: WebhookDelivery) => Promise<WebhookOutcome>, settler: EntrySettler): Promise<void> {
    try {
      const found = await loadWebhookDelivery(this.prisma, entry.message.jobId);
      if (!found) return await settler.acknowledge(entry);
      // A trace of its own, linked to the job's: a delivery is retried long after the job's trace ended.
      const attributes = { 'job.id': found.job.id, 'webhook.attempt': entry.retryCount + 1 };
      const outcome = await inSpan('webhook.deliver', { role: 'client', parent: null, links: [found.traceParent], attributes }, async (span) => {
        const sent = await deliver({
          jobId: found.job.id,
          url: found.job.webhookUrl,
          secret: found.secret,
          summary: toJobSummary(found.job),
          attempt: entry.retryCount + 1,
        });
        if (!sent.delivered) markFailed(span, sent.error);
        return sent;
      });
      await recordWebhookAttempt(this.prisma, found.job.id, outcome.delivered ? null : outcome.error);
      if (outcome.delivered || !outcome.retry) await settler.acknowledge(entry);
      else await settler.retry(entry, { code: 'WebhookFailed', message: outcome.error });
    } catch (error) {
      this.logger.warn(`webhook delivery of job ${entry.message.jobId} failed: ${error instanceof Error ? error.message : String(error)}`);
      await settler.retry(entry, { code: 'WebhookFailed', message: String(error) }).catch(() => undefined);
    }
  }
}
