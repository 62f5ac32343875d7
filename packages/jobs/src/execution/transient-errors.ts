import { setTimeout as sleep } from 'node:timers/promises';
import { databaseErrorMatches } from '@jobs/database';

/** Deadlocks and serialization failures: the statement was rolled back and can simply run again. */
const TRANSIENT = /\b(40P01|40001)\b|deadlock detected|could not serialize access/;

/**
 * Runs `write` again when PostgreSQL rolled it back for a deadlock or a serialization failure (a few
 * times, with a short pause): the writes of attempts are fenced, so running one again is safe, and
 * giving up would leave finished jobs to be retried as if their worker had been lost.
 */
export async function retryingTransient<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !databaseErrorMatches(error, TRANSIENT)) throw error;
      await sleep(10 * 4 ** attempt * Math.random());
    }
  }
}
