import { ErrorCode } from '@jobs/contracts';
import {
  CreateScheduleRequest,
  DeleteScheduleResponse,
  ListSchedulesQuery,
  ScheduleDetailResponse,
  ScheduleListResponse,
  ScheduleResponse,
  UpdateScheduleRequest,
} from '@jobs/dto';
import { Schedules, scheduleLinks, toScheduleDetail, toScheduleResponse } from '@jobs/jobs';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { parseUuid } from '../problems/validation.js';
import { ScheduleListingService } from './schedule-listing.service.js';

const BODY_PROBLEMS = [ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_JSON, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE] as const;
const CHANGE_PROBLEMS = [ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN, ErrorCode.SCHEDULE_NOT_FOUND] as const;

@ApiTags('schedules')
@Controller('schedules')
export class SchedulesController {
  constructor(
    private readonly schedules: Schedules,
    private readonly listing: ScheduleListingService,
  ) {}

  /** Create a schedule: a job of `type` with `payload` at each time `cron` names in `timezone`. */
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: ScheduleResponse, headers: { Location: { description: 'The schedule', schema: { type: 'string' } } } })
  @ApiProblems(...BODY_PROBLEMS, ErrorCode.UNKNOWN_JOB_TYPE)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() request: CreateScheduleRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScheduleResponse> {
    const schedule = await this.schedules.create(principal, request);
    response.set('Location', scheduleLinks(schedule.id).self);
    return toScheduleResponse(schedule);
  }

  /** List schedules, newest first (keyset cursor pages). */
  @Get()
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.INVALID_CURSOR, ErrorCode.FORBIDDEN)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListSchedulesQuery): Promise<ScheduleListResponse> {
    return this.listing.list(principal, query);
  }

  /** The schedule, its next fire times and the jobs of its latest firings. */
  @Get(':id')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.SCHEDULE_NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<ScheduleDetailResponse> {
    const { schedule, nextFireTimes, lastJobs } = await this.schedules.findDetail(principal, id);
    return toScheduleDetail(schedule, nextFireTimes, lastJobs);
  }

  /** Change a schedule; a new expression, zone or `enabled: true` plans the next firing from now. */
  @Patch(':id')
  @ApiProblems(...BODY_PROBLEMS, ErrorCode.FORBIDDEN, ErrorCode.SCHEDULE_NOT_FOUND, ErrorCode.UNKNOWN_JOB_TYPE)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', parseUuid('id')) id: string,
    @Body() request: UpdateScheduleRequest,
  ): Promise<ScheduleResponse> {
    return toScheduleResponse(await this.schedules.update(principal, id, request));
  }

  /** Stop firing; nothing fires until it is resumed. */
  @Post(':id/pause')
  @HttpCode(200)
  @ApiProblems(...CHANGE_PROBLEMS)
  async pause(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<ScheduleResponse> {
    return toScheduleResponse(await this.schedules.pause(principal, id));
  }

  /** Fire again, from the next fire time after now: firings missed while paused are not made up. */
  @Post(':id/resume')
  @HttpCode(200)
  @ApiProblems(...CHANGE_PROBLEMS)
  async resume(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<ScheduleResponse> {
    return toScheduleResponse(await this.schedules.resume(principal, id));
  }

  /** Delete the schedule; the jobs its firings made stay. */
  @Delete(':id')
  @ApiProblems(...CHANGE_PROBLEMS)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<DeleteScheduleResponse> {
    await this.schedules.delete(principal, id);
    return { deleted: 1 };
  }
}
