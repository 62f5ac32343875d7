import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import {
  type CreateJobRequest,
  ErrorCode,
  type FieldError,
  JobCatalog,
  type JobTypeDefinition,
  JobStatus as ContractJobStatus,
  validatePayload,
  type WebhookRequest,
} from '@jobs/contracts';
import { type Job, JobStatus, type Prisma, PrismaService, type Result } from '@jobs/database';
import { MetricsService, type QueuedJobSpec, QueueService, queueNameFor, WebhookTargetPolicy } from '@jobs/runtime';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { visibleJobs } from '../auth/visibility.js';
import { ApiEnvironment } from '../config/api-environment.js';
import { ProblemException } from '../problems/problem.exception.js';
import { keyReused, requestFingerprint } from './idempotency.js';
import { JobsRepository } from './jobs.repository.js';
import { searchTextFor } from './search-text.js';

/** What a submission led to: its job ids, in request order, and whether they were made before. */
export interface Submission {
  jobIds: string[];
  /** True when an Idempotency-Key matched an earlier, identical request: nothing new was made. */
  replayed: boolean;
}

/** Thrown inside the write transaction when another request took the idempotency key first. */
class KeyTakenMeanwhile extends Error {}

/** An idempotent request: the key of each job it makes, and the request's fingerprint. */
interface IdempotentRequest {
  key: string;
  keys: string[];
  fingerprint: string;
}

/** A validated submission, ready to be written. */
interface PreparedJob {
  definition: JobTypeDefinition;
  row: Prisma.JobCreateManyInput;
  spec: QueuedJobSpec;
}

@Injectable()
export class JobsService {
  private readonly webhookTargets: WebhookTargetPolicy;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
    private readonly catalog: JobCatalog,
    private readonly env: ApiEnvironment,
    private readonly metrics: MetricsService,
    private readonly repository: JobsRepository,
  ) {
    this.webhookTargets = new WebhookTargetPolicy(env.WEBHOOK_ALLOWED_HOSTS);
  }

  /**
   * Writes the job row and its queue entry in one transaction: a 202 means the job will run. With
   * an Idempotency-Key, the same request again gets the same job; another request with the key, 422.
   */
  async submit(principal: Principal, request: CreateJobRequest, idempotencyKey?: string, requestId?: string): Promise<Submission> {
    const key = idempotencyKey ? { key: idempotencyKey, keys: [idempotencyKey], fingerprint: requestFingerprint('POST /v1/jobs', request) } : undefined;
    const earlier = key ? await this.replay(principal, key) : null;
    if (earlier) return earlier;
    const prepared = await this.prepare(principal, request, 'payload', requestId);
    if ('errors' in prepared) {
      const unknownType = prepared.errors.find((error) => error.field === 'type');
      if (unknownType) throw this.unknownType(request.type);
      throw ProblemException.validation(prepared.errors, `The payload is not valid for ${request.type}.`);
    }
    return this.store(principal, [prepared], key);
  }

  /** All or nothing: every job is validated first, then all rows and queue entries go in one transaction. */
  async submitBatch(principal: Principal, requests: CreateJobRequest[], idempotencyKey?: string, requestId?: string): Promise<Submission> {
    const key = idempotencyKey
      ? { key: idempotencyKey, keys: requests.map((_, index) => `${idempotencyKey}#${index}`), fingerprint: requestFingerprint('POST /v1/jobs/batch', requests) }
      : undefined;
    const earlier = key ? await this.replay(principal, key) : null;
    if (earlier) return earlier;
    const prepared = await Promise.all(requests.map((request, index) => this.prepare(principal, request, `jobs[${index}].payload`, requestId)));
    const errors = prepared.flatMap((job, index) =>
      'errors' in job ? job.errors.map((error) => (error.field === 'type' ? { ...error, field: `jobs[${index}].type` } : error)) : [],
    );
    if (errors.length > 0) {
      const failing = new Set(errors.map((error) => /^jobs\[(\d+)\]/.exec(error.field)?.[1]));
      throw ProblemException.validation(errors, `${failing.size} of ${requests.length} jobs are not valid; none was accepted.`);
    }
    return this.store(principal, prepared as PreparedJob[], key);
  }

  async findVisible(principal: Principal, id: string): Promise<Job> {
    const job = await this.prisma.job.findFirst({ where: { id, ...visibleJobs(principal) } });
    if (!job) throw ProblemException.jobNotFound(id);
    return job;
  }

  async findVisibleWithResult(principal: Principal, id: string): Promise<Job & { result: Result | null }> {
    const job = await this.prisma.job.findFirst({ where: { id, ...visibleJobs(principal) }, include: { result: true } });
    if (!job) throw ProblemException.jobNotFound(id);
    return job;
  }

  /** The job's result; 409 with the current status while it has none. */
  async findResult(principal: Principal, id: string): Promise<Result> {
    const job = await this.findVisibleWithResult(principal, id);
    if (job.status !== JobStatus.COMPLETED || !job.result) {
      throw new ProblemException(409, ErrorCode.JOB_NOT_COMPLETED, `Job ${id} is ${job.status}; its result is not available.`, {
        extensions: { jobStatus: job.status },
        headers: job.status === JobStatus.PENDING || job.status === JobStatus.PROCESSING ? { 'Retry-After': '1' } : {},
      });
    }
    return job.result;
  }

  private async prepare(
    principal: Principal,
    request: CreateJobRequest,
    payloadField: string,
    requestId: string | undefined,
  ): Promise<PreparedJob | { errors: FieldError[] }> {
    const definition = this.catalog.find(request.type);
    if (!definition) return { errors: [{ field: 'type', message: `type must be one of: ${this.catalog.names().join(', ')}` }] };
    const validation = await validatePayload(definition, request.payload, payloadField);
    if (!validation.valid) return { errors: validation.errors };

    const id = randomUUID();
    const runAt = request.runAt ? new Date(request.runAt) : new Date(Date.now() + (request.delaySeconds ?? 0) * 1000);
    const webhook = request.webhook ? this.webhookOf(request.webhook, payloadField.replace(/payload$/, 'webhook')) : null;
    if (webhook && 'errors' in webhook) return webhook;
    const metadata = request.metadata ?? {};
    const spec: QueuedJobSpec = {
      id,
      queueJobId: id,
      priority: request.priority ?? 0,
      runAt,
      maxAttempts: request.maxAttempts ?? definition.defaults.maxAttempts,
      timeoutSeconds: request.timeoutSeconds ?? definition.defaults.timeoutSeconds,
      retryDelaySeconds: definition.defaults.retryDelaySeconds,
      requestId,
    };
    const row: Prisma.JobCreateManyInput = {
      id,
      ownerId: principal.sub,
      orgId: principal.org,
      type: definition.name,
      status: ContractJobStatus.PENDING,
      priority: spec.priority,
      payload: request.payload as Prisma.InputJsonObject,
      metadata,
      maxAttempts: spec.maxAttempts,
      timeoutSeconds: spec.timeoutSeconds,
      runAt,
      queueName: definition.name,
      queueJobId: id,
      searchText: searchTextFor(definition.name, metadata),
      webhookUrl: webhook?.url ?? null,
      webhookSecret: webhook?.secret ?? null,
    };
    return { definition, row, spec };
  }

  /**
   * The rows and one queue insert per job type, committed together: in one statement, or with an
   * idempotency key in a transaction that first inserts the rows, skipping any whose key another
   * request holds. When a concurrent request with the same key wins the race, its jobs are the answer.
   */
  private async store(principal: Principal, jobs: PreparedJob[], key?: IdempotentRequest): Promise<Submission> {
    const rows = jobs.map((job, index) => (key ? { ...job.row, idempotencyKey: key.keys[index], requestHash: key.fingerprint } : job.row));
    const queueInserts = await Promise.all(
      [...Map.groupBy(jobs, (job) => job.definition)].map(([definition, group]) => this.queue.insertSql(definition, group.map((job) => job.spec))),
    );
    if (!key) {
      await this.repository.insertWithQueueEntries(rows, queueInserts);
    } else {
      try {
        await this.prisma.$transaction(async (tx) => {
          // A conflict on the (owner, key) unique index waits for the other insert, then skips.
          const count = await this.repository.insertUnlessKeyTaken(tx, rows);
          if (count !== rows.length) throw new KeyTakenMeanwhile();
          for (const insert of queueInserts) await tx.$executeRaw(insert);
        });
      } catch (error) {
        if (!(error instanceof KeyTakenMeanwhile)) throw error;
        const winner = await this.replay(principal, key);
        if (!winner) throw error;
        return winner;
      }
    }
    const now = Date.now();
    this.queue.announce(new Set(jobs.filter((job) => job.spec.runAt.getTime() <= now).map((job) => queueNameFor(job.definition.name))));
    for (const job of jobs) this.metrics.jobsSubmitted.inc({ type: job.definition.name });
    return { jobIds: jobs.map((job) => job.spec.id), replayed: false };
  }

  /** The jobs an earlier request with these keys made, if identical; 422 if it was another request. */
  private async replay(principal: Principal, key: IdempotentRequest): Promise<Submission | null> {
    const rows = await this.prisma.job.findMany({
      where: { ownerId: principal.sub, idempotencyKey: { in: key.keys } },
      select: { id: true, idempotencyKey: true, requestHash: true },
    });
    if (rows.length === 0) return null;
    if (rows.length !== key.keys.length || rows.some((row) => row.requestHash !== key.fingerprint)) throw keyReused(key.key);
    const byKey = new Map(rows.map((row) => [row.idempotencyKey, row.id]));
    return { jobIds: key.keys.map((itemKey) => byKey.get(itemKey) ?? ''), replayed: true };
  }

  /**
   * The webhook as stored: its URL, and the secret that will sign it (its own, or WEBHOOK_SECRET).
   * Loopback and private hosts given literally are refused here; names are checked again, resolved,
   * at each delivery.
   */
  private webhookOf(webhook: WebhookRequest, field: string): { url: string; secret: string } | { errors: FieldError[] } {
    const url = new URL(webhook.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const problem = this.webhookTargets.problem(url, isIP(host) ? [host] : []);
    if (problem) return { errors: [{ field: `${field}.url`, message: `${field}.url is not allowed: ${problem}` }] };
    const secret = webhook.secret ?? this.env.WEBHOOK_SECRET;
    if (!secret) return { errors: [{ field: `${field}.secret`, message: `${field}.secret is required: this server has no WEBHOOK_SECRET` }] };
    return { url: url.toString(), secret };
  }

  private unknownType(type: string): ProblemException {
    const knownTypes = this.catalog.names();
    return new ProblemException(400, ErrorCode.UNKNOWN_JOB_TYPE, `Unknown job type "${type}". Known types: ${knownTypes.join(', ')}.`, {
      errors: [{ field: 'type', message: `type must be one of: ${knownTypes.join(', ')}` }],
      extensions: { knownTypes },
    });
  }
}
