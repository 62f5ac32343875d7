import { describe, expect, it } from '@jest/globals';
import { JOB_TYPES } from '@jobs/dto';
import { discoverHandlers } from './discover-handlers.js';

describe('discoverHandlers', () => {
  it('finds one handler for every job type of the platform, and none for a type it does not know', async () => {
    const handled = (await discoverHandlers()).map((handler) => handler.jobType).sort();
    expect(handled).toEqual(JOB_TYPES.map((definition) => definition.name).sort());
  });
});
