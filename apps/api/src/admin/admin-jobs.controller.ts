import { ErrorCode } from '@jobs/contracts';
import { AdminDeleteJobsQuery, DeleteJobsResponse } from '@jobs/dto';
import { Controller, Delete, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AdminGuard } from '../auth/roles.guard.js';
import { JobDeletionService } from '../jobs/job-deletion.service.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';

@ApiTags('admin')
@Controller('admin/jobs')
@UseGuards(AdminGuard)
export class AdminJobsController {
  constructor(private readonly deletion: JobDeletionService) {}

  /** Bulk delete across every owner by date, in batches; `dryRun` only counts. */
  @Delete()
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN)
  async delete(@CurrentPrincipal() principal: Principal, @Query() query: AdminDeleteJobsQuery): Promise<DeleteJobsResponse> {
    return { deleted: await this.deletion.deleteAsAdmin(principal, query), dryRun: query.dryRun ?? false };
  }
}
