/** At most this many statements are kept prepared on each connection. */
export const PREPARED_STATEMENTS_MAX = 100;
/** A statement is prepared once it has been run this many times: rare ones are not worth a slot. */
export const RUNS_BEFORE_PREPARED = 3;
/** Statements counted but not yet prepared; the counts start over beyond this, forgetting rare ones. */
const COUNTED_MAX = 5_000;

/**
 * Names for the statements this process runs often, so that each connection parses and plans them
 * once and then only binds and executes them (pg keeps a named statement prepared per connection).
 * Parsing and planning were about half of PostgreSQL's work for a job submission. Other statements
 * stay unnamed (the empty name): parsed and planned on every run, and never kept by the server, so
 * queries whose text varies (listing filters, IN lists) cannot fill its memory.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly runs = new Map<string, number>();

  constructor(private readonly prefix = 'jobs') {}

  nameFor(sql: string): string {
    const name = this.names.get(sql);
    if (name !== undefined) return name;
    if (this.names.size >= PREPARED_STATEMENTS_MAX) return '';
    const runs = (this.runs.get(sql) ?? 0) + 1;
    if (runs < RUNS_BEFORE_PREPARED) {
      if (this.runs.size >= COUNTED_MAX) this.runs.clear();
      this.runs.set(sql, runs);
      return '';
    }
    this.runs.delete(sql);
    const prepared = `${this.prefix}_${this.names.size + 1}`;
    this.names.set(sql, prepared);
    return prepared;
  }
}
