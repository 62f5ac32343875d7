import { Module } from '@nestjs/common';
import { CallersController } from './callers.controller.js';

@Module({ controllers: [CallersController] })
export class CallersModule {}
