import { databaseErrorMatches } from '@jobs/database';

/**
 * Connection-level failures (the database is away, restarting or out of connections), which are a
 * 503 to retry, not a 500: socket errors, SQLSTATE class 08 and 57P01–57P03, 53300, Prisma's
 * "can't reach / closed / pool timeout" codes, and node-postgres's own messages for a connection
 * lost mid-query or not had in time (they carry no code). Prisma wraps driver codes in its message;
 * a failed raw query reports only the message of P1001 or P1017, with "Code: `N/A`".
 */
const UNAVAILABLE =
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|08\d{3}|57P0[123]|53300|P1001|P1002|P1017|P2024)\b|Can't reach database server|Server has closed the connection|Connection terminated|is not queryable|timeout exceeded when trying to connect|timeout expired/;

/** Whether `error` (or one of its causes) says the database cannot be reached now: a 503 to retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseErrorMatches(error, UNAVAILABLE);
}
