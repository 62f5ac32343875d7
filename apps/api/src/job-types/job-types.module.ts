import { Module } from '@nestjs/common';
import { JobTypesController } from './job-types.controller.js';

@Module({ controllers: [JobTypesController] })
export class JobTypesModule {}
