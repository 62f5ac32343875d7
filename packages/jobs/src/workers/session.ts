/** A database session held open by one process: statements about the session itself run on it. */
export interface Session {
  query(text: string, values?: unknown[]): Promise<unknown>;
}
