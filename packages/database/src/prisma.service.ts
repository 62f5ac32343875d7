import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';
import { type ConnectionUrls, poolerInFront } from './connection-urls.js';
import { StatementNames } from './statement-names.js';

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

export interface DatabaseOptions extends ConnectionUrls {
  /** Connections in this process's pool. */
  poolSize?: number;
}

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DATABASE_OPTIONS) options: DatabaseOptions) {
    const statements = new StatementNames();
    // Through a pooler every statement stays unnamed (parsed each time): the server connection that
    // runs a transaction need not be the one that prepared a statement for an earlier one.
    const naming = poolerInFront(options) ? {} : { statementNameGenerator: ({ sql }: { sql: string }) => statements.nameFor(sql) };
    super({ adapter: new PrismaPg({ connectionString: options.url, max: options.poolSize ?? 10 }, naming) });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  /** Last, after onModuleDestroy hooks (a draining worker) have finished with the database. */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
