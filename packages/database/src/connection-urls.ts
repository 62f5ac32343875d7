/**
 * Where a process connects: `url` for statements (possibly through a transaction-pooling PgBouncer),
 * `directUrl` straight to PostgreSQL for what needs a session of its own — LISTEN, session advisory
 * locks, a worker's registered session — when `url` goes through such a pooler.
 */
export interface ConnectionUrls {
  url: string;
  directUrl?: string;
}

/** The URL for a connection that keeps its session (LISTEN, `pg_backend_pid()`, session locks). */
export function sessionUrl(urls: ConnectionUrls): string {
  return urls.directUrl ?? urls.url;
}

/**
 * Whether statements go through a pooler: a direct URL set apart from the statements' URL says so.
 * Then nothing may rely on a connection's session between transactions: no named prepared
 * statements (PgBouncer before 1.21 cannot track them; a pooled server connection would not have
 * them), no settings given at connection start.
 */
export function poolerInFront(urls: ConnectionUrls): boolean {
  return urls.directUrl !== undefined && urls.directUrl !== urls.url;
}
