import { type Job, PrismaService, type Result } from '@jobs/database';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { visibleJobs } from '../auth/visibility.js';
import { ProblemException } from '../problems/problem.exception.js';

@Injectable()
export class ResultsService {
  constructor(private readonly prisma: PrismaService) {}

  /** A result is visible exactly when the job that produced it is. */
  async findVisible(principal: Principal, id: string): Promise<Result & { job: Job }> {
    const result = await this.prisma.result.findFirst({ where: { id, job: visibleJobs(principal) }, include: { job: true } });
    if (!result) throw ProblemException.resultNotFound(id);
    return result;
  }
}
