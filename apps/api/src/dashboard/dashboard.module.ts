import { dashboardDirectory } from '@jobs/dashboard';
import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';
import { DashboardFiles } from './dashboard-files.js';

@Module({
  controllers: [DashboardController],
  providers: [{ provide: DashboardFiles, useFactory: () => DashboardFiles.load(dashboardDirectory) }],
})
export class DashboardModule {}
