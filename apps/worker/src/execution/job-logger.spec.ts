import { describe, expect, it } from '@jest/globals';
import type { JobLogLevel } from '@jobs/contracts';
import { Logger } from '@nestjs/common';
import { JobLogger } from './job-logger.js';

describe('JobLogger', () => {
  function recording(): { logger: JobLogger; lines: [JobLogLevel, string, Record<string, unknown> | null | undefined][] } {
    const lines: [JobLogLevel, string, Record<string, unknown> | null | undefined][] = [];
    return { logger: new JobLogger({ log: (level, message, fields) => lines.push([level, message, fields]) }), lines };
  }

  Logger.overrideLogger(false);

  it("records each line in the job's log at its level, with its fields in either order", () => {
    const { logger, lines } = recording();
    logger.log('fetched', { host: 'example.org', ms: 12 });
    logger.warn({ retries: 2 }, 'slow answer');
    logger.debug('plain');
    logger.verbose('chatty');
    logger.error('gave up', 'a stack trace as Nest passes it');
    expect(lines).toEqual([
      ['info', 'fetched', { host: 'example.org', ms: 12 }],
      ['warn', 'slow answer', { retries: 2 }],
      ['debug', 'plain', null],
      ['debug', 'chatty', null],
      ['error', 'gave up', null],
    ]);
  });

  it('records an Error by its message, with its name and stack as fields', () => {
    const { logger, lines } = recording();
    logger.fatal(new TypeError('bad input'));
    expect(lines).toEqual([['error', 'bad input', { error: 'TypeError', stack: expect.stringContaining('bad input') }]]);
  });
});
