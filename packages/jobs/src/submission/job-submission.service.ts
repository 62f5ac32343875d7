import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { type CreateJobRequest, ErrorCode, type FieldError, JobStatus, type WebhookRequest } from '@jobs/contracts';
import { type JobTypeDefinition, validatePayload } from '@jobs/dto';
import { PrismaService } from '@jobs/database';
import { activeTraceParent, inSpan } from '@jobs/tracing';
import { Inject, Injectable } from '@nestjs/common';
import { JobsError } from '../errors.js';
import { JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { CreationAnnouncer } from '../notifications/creation-announcer.js';
import { JobQueue } from '../queue/job-queue.js';
import { queueEntryFor, queueNameFor } from '../queue/queue-entry.js';
import type { Viewer } from '../viewer.js';
import { WebhookTargetPolicy } from '../webhooks/webhook-target.js';
import { findIdempotentJobs } from './find-idempotent-jobs.js';
import { type InsertedRows, insertJobsUnlessKeyTaken, insertJobsWithEntries, type NewJobRow } from './insert-jobs.js';
import { requestFingerprint } from './request-fingerprint.js';
import { searchTextFor } from './search-text.js';

export interface SubmitOptions {
  /** The same key with the same request gives the same jobs again; with another request, IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey?: string;
  /** The id of the HTTP request, carried to the worker's log lines. */
  requestId?: string;
}

/** What a submission led to: its jobs in request order, and whether an earlier identical request made them. */
export interface Submission {
  jobs: { id: string; type: string }[];
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

interface PreparedJob {
  definition: JobTypeDefinition;
  row: NewJobRow;
}

/** Accepting jobs: validated against their type's contract, then each row and its queue entry committed together. */
@Injectable()
export class JobSubmission {
  private readonly webhookTargets: WebhookTargetPolicy;

  constructor(
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
    private readonly creations: CreationAnnouncer,
  ) {
    this.webhookTargets = new WebhookTargetPolicy(options.webhookAllowedHosts);
  }

  /** One job. A `Submission` means the job will run. */
  submit(viewer: Viewer, request: CreateJobRequest, options: SubmitOptions = {}): Promise<Submission> {
    return inSpan('jobs.submit', submitSpanOptions([request]), async (span) => {
      const submission = await this.submitOne(viewer, request, options);
      span.setAttribute('job.id', submission.jobs[0]?.id ?? '');
      span.setAttribute('jobs.replayed', submission.replayed);
      return submission;
    });
  }

  /** Many jobs, all or nothing: every job is validated first, then all rows and queue entries commit together. */
  submitBatch(viewer: Viewer, requests: readonly CreateJobRequest[], options: SubmitOptions = {}): Promise<Submission> {
    return inSpan('jobs.submit', submitSpanOptions(requests), async (span) => {
      const submission = await this.submitMany(viewer, requests, options);
      span.setAttribute('jobs.replayed', submission.replayed);
      return submission;
    });
  }

  private async submitOne(viewer: Viewer, request: CreateJobRequest, options: SubmitOptions): Promise<Submission> {
    const key = options.idempotencyKey
      ? { key: options.idempotencyKey, keys: [options.idempotencyKey], fingerprint: requestFingerprint('POST /v1/jobs', request) }
      : undefined;
    const earlier = key ? await this.replay(viewer, key) : null;
    if (earlier) return earlier;
    const prepared = await this.prepare(viewer, request, 'payload');
    if ('errors' in prepared) {
      if (prepared.errors.some((error) => error.field === 'type')) throw JobsError.unknownType(request.type, this.options.catalog.names());
      throw JobsError.validation(prepared.errors, `The payload is not valid for ${request.type}.`);
    }
    return this.store(viewer, [prepared], key, options.requestId);
  }

  private async submitMany(viewer: Viewer, requests: readonly CreateJobRequest[], options: SubmitOptions): Promise<Submission> {
    const key = options.idempotencyKey
      ? {
          key: options.idempotencyKey,
          keys: requests.map((_, index) => `${options.idempotencyKey}#${index}`),
          fingerprint: requestFingerprint('POST /v1/jobs/batch', requests),
        }
      : undefined;
    const earlier = key ? await this.replay(viewer, key) : null;
    if (earlier) return earlier;
    const prepared = await Promise.all(requests.map((request, index) => this.prepare(viewer, request, `jobs[${index}].payload`)));
    const errors = prepared.flatMap((job, index) =>
      'errors' in job ? job.errors.map((error) => (error.field === 'type' ? { ...error, field: `jobs[${index}].type` } : error)) : [],
    );
    if (errors.length > 0) {
      const failing = new Set(errors.map((error) => /^jobs\[(\d+)\]/.exec(error.field)?.[1]));
      throw JobsError.validation(errors, `${failing.size} of ${requests.length} jobs are not valid; none was accepted.`);
    }
    return this.store(viewer, prepared as PreparedJob[], key, options.requestId);
  }

  private async prepare(viewer: Viewer, request: CreateJobRequest, payloadField: string): Promise<PreparedJob | { errors: FieldError[] }> {
    const definition = this.options.catalog.find(request.type);
    if (!definition) return { errors: [{ field: 'type', message: `type must be one of: ${this.options.catalog.names().join(', ')}` }] };
    const validation = await validatePayload(definition, request.payload, payloadField);
    if (!validation.valid) return { errors: validation.errors };
    const webhook = request.webhook ? this.webhookOf(request.webhook, payloadField.replace(/payload$/, 'webhook')) : null;
    if (webhook && 'errors' in webhook) return webhook;

    const id = randomUUID();
    const metadata = request.metadata ?? {};
    const row: NewJobRow = {
      id,
      ownerId: viewer.sub,
      orgId: viewer.org,
      type: definition.name,
      priority: request.priority ?? 0,
      payload: request.payload,
      metadata,
      maxAttempts: request.maxAttempts ?? definition.defaults.maxAttempts,
      timeoutSeconds: request.timeoutSeconds ?? definition.defaults.timeoutSeconds,
      runAt: request.runAt ? new Date(request.runAt) : new Date(Date.now() + (request.delaySeconds ?? 0) * 1000),
      queueJobId: id,
      searchText: searchTextFor(definition.name, metadata),
      webhookUrl: webhook?.url ?? null,
      webhookSecret: webhook?.secret ?? null,
      idempotencyKey: null,
      requestHash: null,
      scheduleId: null,
      scheduledFor: null,
      traceParent: null,
    };
    return { definition, row };
  }

  /**
   * The rows and one queue insert per job type, committed together: in one statement, or with an
   * idempotency key in a transaction that first inserts the rows, skipping any whose key another
   * request holds. When a concurrent request with the same key wins the race, its jobs are the answer.
   */
  private async store(viewer: Viewer, jobs: PreparedJob[], key: IdempotentRequest | undefined, requestId: string | undefined): Promise<Submission> {
    // The worker's span for each attempt continues this one (jobs.submit).
    const traceParent = activeTraceParent();
    const rows = jobs.map((job, index) => ({
      ...job.row,
      traceParent,
      ...(key ? { idempotencyKey: key.keys[index] ?? null, requestHash: key.fingerprint } : {}),
    }));
    const entryInserts = await Promise.all(
      [...Map.groupBy(jobs, (job) => job.definition)].map(([definition, group]) =>
        this.queue.insertSql(queueNameFor(definition.name), group.map((job) => queueEntryFor(job.row, definition, requestId))),
      ),
    );
    let inserted: InsertedRows;
    if (!key) {
      inserted = await insertJobsWithEntries(this.prisma, rows, entryInserts);
    } else {
      try {
        inserted = await this.prisma.$transaction(async (tx) => {
          // A conflict on the (owner, key) unique index waits for the other insert, then skips.
          const insertedRows = await insertJobsUnlessKeyTaken(tx, rows);
          if (insertedRows.count !== rows.length) throw new KeyTakenMeanwhile();
          for (const insert of entryInserts) await tx.$executeRaw(insert);
          return insertedRows;
        });
      } catch (error) {
        if (!(error instanceof KeyTakenMeanwhile)) throw error;
        const winner = await this.replay(viewer, key);
        if (!winner) throw error;
        return winner;
      }
    }
    const createdAt = (inserted.createdAt ?? new Date()).getTime();
    // Feeds first: a worker woken by the second announcement then usually changes a job already announced.
    this.creations.announce(rows.map((row) => ({ id: row.id, type: row.type, status: JobStatus.PENDING, ownerId: row.ownerId, orgId: row.orgId, createdAt })));
    const now = Date.now();
    this.queue.announce(jobs.filter((job) => job.row.runAt.getTime() <= now).map((job) => queueNameFor(job.row.type)));
    return { jobs: jobs.map((job) => ({ id: job.row.id, type: job.row.type })), replayed: false };
  }

  /** The jobs an earlier request with these keys made, if identical; IDEMPOTENCY_KEY_REUSED if it was another request. */
  private async replay(viewer: Viewer, key: IdempotentRequest): Promise<Submission | null> {
    const rows = await findIdempotentJobs(this.prisma, viewer.sub, key.keys);
    if (rows.length === 0) return null;
    if (rows.length !== key.keys.length || rows.some((row) => row.requestHash !== key.fingerprint)) {
      throw new JobsError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        `Idempotency-Key "${key.key}" was already used for a different request; use a new key for a new request.`,
      );
    }
    const byKey = new Map(rows.map((row) => [row.idempotencyKey, row]));
    return { jobs: key.keys.map((itemKey) => ({ id: byKey.get(itemKey)?.id ?? '', type: byKey.get(itemKey)?.type ?? '' })), replayed: true };
  }

  /**
   * The webhook as stored: its URL, and the secret that will sign it (its own, or the default).
   * Loopback and private hosts given literally are refused here; names are checked again, resolved,
   * at each delivery.
   */
  private webhookOf(webhook: WebhookRequest, field: string): { url: string; secret: string } | { errors: FieldError[] } {
    const url = new URL(webhook.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const problem = this.webhookTargets.problem(url, isIP(host) ? [host] : []);
    if (problem) return { errors: [{ field: `${field}.url`, message: `${field}.url is not allowed: ${problem}` }] };
    const secret = webhook.secret ?? this.options.webhookDefaultSecret;
    if (!secret) return { errors: [{ field: `${field}.secret`, message: `${field}.secret is required: this server has no WEBHOOK_SECRET` }] };
    return { url: url.toString(), secret };
  }
}

/** The submission's span: its database work (the idempotency check, the rows and queue entries). */
function submitSpanOptions(requests: readonly CreateJobRequest[]) {
  const types = [...new Set(requests.map((request) => request.type))];
  return { attributes: { 'db.system.name': 'postgresql', 'jobs.count': requests.length, 'job.type': types.join(',') } };
}
