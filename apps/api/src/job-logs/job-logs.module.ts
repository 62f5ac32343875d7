import { Module } from '@nestjs/common';
import { JobLogsController } from './job-logs.controller.js';

@Module({ controllers: [JobLogsController] })
export class JobLogsModule {}
