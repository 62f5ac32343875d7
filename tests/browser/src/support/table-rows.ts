import type { Locator } from 'playwright-core';

/** Each row of a table (head, body and foot) as the text of its cells, as the user reads them. */
export function tableRows(table: Locator): Promise<string[][]> {
  return table.locator('tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())));
}
