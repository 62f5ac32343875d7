import { ErrorCode } from '@jobs/contracts';
import type { OpenAPIObject } from '@nestjs/swagger';
import { problemSchema } from '../openapi/api-problems.decorator.js';

const HTML = { 'text/html': { schema: { type: 'string' } } };
const ETAG_HEADERS = {
  ETag: { description: 'The file\'s content hash', schema: { type: 'string' } },
  'Cache-Control': { description: '`no-cache` for the page, `public, max-age=31536000, immutable` for hashed assets', schema: { type: 'string' } },
};
const NOT_MODIFIED = { description: 'Not modified: `If-None-Match` named the current ETag' };
const PAGE_RESPONSES = {
  '200': { description: 'The dashboard (index.html): the app shows the page the path names', headers: ETAG_HEADERS, content: HTML },
  '304': NOT_MODIFIED,
  '404': { description: 'Problem: `NOT_FOUND` — the dashboard was not built into this API', content: { 'application/problem+json': { schema: problemSchema([ErrorCode.NOT_FOUND]) } } },
};

type PathItem = OpenAPIObject['paths'][string];

function page(operationId: string, summary: string, parameter?: { name: string; description: string; example: string }): PathItem {
  return {
    get: {
      operationId,
      summary,
      tags: ['dashboard'],
      parameters: parameter ? [{ name: parameter.name, in: 'path' as const, required: true, description: parameter.description, schema: { type: 'string', example: parameter.example } }] : [],
      responses: PAGE_RESPONSES,
    },
  };
}

/**
 * The dashboard's paths. One wildcard route serves them (so that any page of the app can be opened
 * directly), which the generated document cannot express: they are described here instead.
 */
export const DASHBOARD_DOCUMENT_PATHS: OpenAPIObject['paths'] = {
  '/dashboard': {
    get: {
      operationId: 'Dashboard_redirect',
      summary: 'To `/dashboard/`, which the app\'s links are relative to.',
      tags: ['dashboard'],
      responses: { '301': { description: 'To `/dashboard/`', headers: { Location: { schema: { type: 'string' } } } } },
    },
  },
  '/dashboard/': page('Dashboard_jobs', 'The web dashboard: sign in with a bearer token, then see, search, follow and control jobs.'),
  '/dashboard/{page}': page('Dashboard_page', 'A page of the dashboard (`submit`, `overview`, `schedules`, `admin`); the app says when there is no such page.', {
    name: 'page',
    description: 'The page',
    example: 'overview',
  }),
  '/dashboard/jobs/{id}': page('Dashboard_job', 'A job\'s page in the dashboard.', { name: 'id', description: 'The job\'s id', example: '0b6f1d3e-4b1a-4f55-9a43-3c52a4d0e6c1' }),
  '/dashboard/schedules/{id}': page('Dashboard_schedule', 'A schedule\'s page in the dashboard.', {
    name: 'id',
    description: 'The schedule\'s id',
    example: '5d0c9a7e-2f4b-4c1d-8e6a-9b3f7c2d1e0a',
  }),
  '/dashboard/assets/{file}': {
    get: {
      operationId: 'Dashboard_asset',
      summary: 'A built file of the dashboard, named by its content hash: cached for a year. Brotli or gzip as `Accept-Encoding` allows.',
      tags: ['dashboard'],
      parameters: [{ name: 'file', in: 'path' as const, required: true, description: 'The file name', schema: { type: 'string', example: 'index-3f2a9c1e.js' } }],
      responses: {
        '200': {
          description: 'The file',
          headers: ETAG_HEADERS,
          content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } },
        },
        '304': NOT_MODIFIED,
        '404': { description: 'Problem: `NOT_FOUND` — no such file in this build', content: { 'application/problem+json': { schema: problemSchema([ErrorCode.NOT_FOUND]) } } },
      },
    },
  },
};
