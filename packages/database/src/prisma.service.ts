import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';
import { StatementNames } from './statement-names.js';

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

export interface DatabaseOptions {
  url: string;
  /** Connections in this process's pool. */
  poolSize?: number;
}

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DATABASE_OPTIONS) options: DatabaseOptions) {
    const statements = new StatementNames();
    super({
      adapter: new PrismaPg({ connectionString: options.url, max: options.poolSize ?? 10 }, { statementNameGenerator: ({ sql }) => statements.nameFor(sql) }),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  /** Last, after onModuleDestroy hooks (a draining worker) have finished with the database. */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
