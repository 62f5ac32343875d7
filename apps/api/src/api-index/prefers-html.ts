/** Whether an `Accept` header ranks HTML above JSON, as a browser navigation does (a bare wildcard does not). */
export function prefersHtml(accept: string | undefined): boolean {
  const quality = (type: string): number => {
    let best = -1;
    for (const part of (accept ?? '').split(',')) {
      const [range = '', ...parameters] = part.trim().toLowerCase().split(';');
      if (range !== type) continue;
      const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
      best = Math.max(best, q === undefined ? 1 : Number(q));
    }
    return best;
  };
  const html = quality('text/html');
  return html > 0 && html >= quality('application/json');
}
