import { Module } from '@nestjs/common';
import { AttemptsController } from './attempts.controller.js';

@Module({ controllers: [AttemptsController] })
export class AttemptsModule {}
