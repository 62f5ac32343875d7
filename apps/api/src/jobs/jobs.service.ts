import { randomUUID } from 'node:crypto';
import {
  type CreateJobRequest,
  ErrorCode,
  JobCatalog,
  type JobTypeDefinition,
  validatePayload,
} from '@jobs/contracts';
import { type Job, JobStatus, type Prisma, PrismaService, type Result } from '@jobs/database';
import { QueueService } from '@jobs/runtime';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { visibleJobs } from '../auth/visibility.js';
import { ProblemException } from '../problems/problem.exception.js';

@Injectable()
export class JobsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
    private readonly catalog: JobCatalog,
  ) {}

  /** Writes the job row and its queue entry in one transaction: a 202 means the job will run. */
  async submit(principal: Principal, request: CreateJobRequest): Promise<Job> {
    const definition = this.jobTypeOrThrow(request.type);
    const validation = await validatePayload(definition, request.payload);
    if (!validation.valid) throw ProblemException.validation(validation.errors, `The payload is not valid for ${definition.name}.`);

    const id = randomUUID();
    const runAt = request.runAt
      ? new Date(request.runAt)
      : new Date(Date.now() + (request.delaySeconds ?? 0) * 1000);
    const spec = {
      id,
      priority: request.priority ?? 0,
      runAt,
      maxAttempts: request.maxAttempts ?? definition.defaults.maxAttempts,
      timeoutSeconds: request.timeoutSeconds ?? definition.defaults.timeoutSeconds,
      retryDelaySeconds: definition.defaults.retryDelaySeconds,
    };
    return this.prisma.$transaction(async (tx) => {
      const job = await tx.job.create({
        data: {
          id,
          ownerId: principal.sub,
          orgId: principal.org,
          type: definition.name,
          status: JobStatus.PENDING,
          priority: spec.priority,
          payload: request.payload as Prisma.InputJsonObject,
          metadata: (request.metadata ?? {}) as Prisma.InputJsonObject,
          maxAttempts: spec.maxAttempts,
          timeoutSeconds: spec.timeoutSeconds,
          runAt,
          queueName: definition.name,
          queueJobId: id,
        },
      });
      await this.queue.sendInTransaction(tx, definition, spec);
      return job;
    });
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

  private jobTypeOrThrow(type: string): JobTypeDefinition {
    const definition = this.catalog.find(type);
    if (definition) return definition;
    const knownTypes = this.catalog.names();
    throw new ProblemException(400, ErrorCode.UNKNOWN_JOB_TYPE, `Unknown job type "${type}". Known types: ${knownTypes.join(', ')}.`, {
      errors: [{ field: 'type', message: `type must be one of: ${knownTypes.join(', ')}` }],
      extensions: { knownTypes },
    });
  }
}
