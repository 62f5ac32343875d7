import { ERROR_CODES, type ErrorCode, problemType } from '@jobs/contracts';
import { OPENAPI_UI_PATH } from '../openapi/openapi.js';
import { statusTitle } from './status-title.js';

export const PROBLEMS_PATH = '/problems';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}'
  + 'code{background:#f2f2f2;padding:0 .2em;border-radius:3px}table{border-collapse:collapse}'
  + 'td,th{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid #ddd}';

/** The page about each problem code, by its problem `type` (`/problems/job-not-found`). */
export const PROBLEM_PAGES: ReadonlyMap<string, string> = new Map(CODES.map((code) => [problemType(code), problemPage(code)]));

/** The page listing every code, linking to each one's page. */
export const PROBLEM_INDEX_PAGE = htmlPage(
  'Problem codes',
  `<h1>Problem codes</h1>
<p>Every error of this API is a problem document (RFC 9457, <code>application/problem+json</code>) with a stable
<code>code</code>; its <code>type</code> links to the code's page here.</p>
<table>
<tr><th>code</th><th>status</th><th>meaning</th></tr>
${CODES.map((code) => `<tr><td><a href="${problemType(code)}"><code>${code}</code></a></td><td>${statusLine(code)}</td><td>${prose(ERROR_CODES[code].meaning)}</td></tr>`).join('\n')}
</table>
<p><a href="/${OPENAPI_UI_PATH}">API documentation</a></p>`,
);

function problemPage(code: ErrorCode): string {
  return htmlPage(
    `${code} (${statusLine(code)})`,
    `<h1><code>${code}</code></h1>
<p>HTTP status <strong>${statusLine(code)}</strong></p>
<p>${prose(ERROR_CODES[code].meaning)}</p>
<p>Problem documents with <code>"type": "${problemType(code)}"</code> carry <code>"code": "${code}"</code>;
their <code>detail</code> says what went wrong in that request, and <code>instance</code> which path it was.</p>
<p><a href="${PROBLEMS_PATH}">Every problem code</a> · <a href="/${OPENAPI_UI_PATH}">API documentation</a></p>`,
  );
}

function statusLine(code: ErrorCode): string {
  const { status } = ERROR_CODES[code];
  return `${status} ${statusTitle(status)}`;
}

/** Escapes text for HTML and shows its `backquoted` words as code. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Jobs platform API</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
