/**
 * Undoes the usual ways reports "defang" indicators so nobody clicks them:
 * `hxxp://`, `example[.]com`, `example(dot)com`, `user[@]example.com`, `http[:]//`, `1.2.3[.]4`.
 */
const REFANGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bh(?:xx|\*\*|XX|xX|Xx)p(s?)(?=\s*(?:\[:\]|:|\[:\/\/\]))/g, 'http$1'],
  [/\bfxp(s?)(?=\s*(?:\[:\]|:))/gi, 'ftp$1'],
  [/\[:\/\/\]/g, '://'],
  [/\[:\]/g, ':'],
  [/\[\/\]/g, '/'],
  [/\s?[[({]\s*(?:\.|dot)\s*[\])}]\s?/gi, '.'],
  [/\s?[[({]\s*(?:@|at)\s*[\])}]\s?/gi, '@'],
  [/\\\./g, '.'],
];

export function refang(text: string): string {
  return REFANGS.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}
