/**
 * Whether a database error, or one of its causes, carries `pattern` in its code, message or
 * metadata. Prisma wraps the driver's errors (and their SQLSTATE codes) in messages and `meta`, and
 * a failed raw query may report only a message, so all three are read, down the `cause` chain.
 */
export function databaseErrorMatches(error: unknown, pattern: RegExp): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, message, meta, cause } = current as { code?: unknown; message?: unknown; meta?: unknown; cause?: unknown };
    const signs = [code, message, meta === undefined ? undefined : JSON.stringify(meta)];
    if (signs.some((sign) => typeof sign === 'string' && pattern.test(sign))) return true;
    current = cause;
  }
  return false;
}
