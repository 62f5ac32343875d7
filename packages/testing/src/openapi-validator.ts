import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export is the module object under ESM.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The parts of an OpenAPI 3.1 document a response is checked against. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
  components?: { schemas?: Record<string, unknown> };
}

/** A response as received: what the document must describe. */
export interface ReceivedResponse {
  method: string;
  /** Path and query, as requested: `/v1/jobs?limit=5`. */
  path: string;
  status: number;
  /** The Content-Type header, or null without one. */
  contentType: string | null;
  /** Parsed JSON for JSON media types, text otherwise; `''` when there was no body. */
  body: unknown;
}

/** A response the served document does not describe. */
export class OpenApiMismatchError extends Error {
  override name = 'OpenApiMismatchError';
}

/** The schema every refusal follows, whatever its route. */
const PROBLEM_SCHEMA = 'ProblemDetails';
const DOCUMENT_ID = 'https://openapi.invalid/document.json';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

interface PathTemplate {
  template: string;
  pattern: RegExp;
  parameters: number;
}

/**
 * Checks responses against an OpenAPI 3.1 document: the operation (method + path template), the
 * status (exact, `4XX` or `default`), the media type and, for JSON and text, the body against its
 * schema (JSON Schema 2020-12, `$ref`s into the document resolved by Ajv). A request the document has
 * no operation for must be refused with a `ProblemDetails` 404 or 405.
 */
export class ResponseValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly templates: PathTemplate[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    if (!/^3\.1\./.test(document.openapi)) throw new Error(`an OpenAPI 3.1 document is needed, not ${document.openapi}`);
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID } as object);
    // Literal paths before templated ones: `/v1/jobs/stats` is not `/v1/jobs/{id}`.
    this.templates = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}$`),
        parameters: (template.match(/\{/g) ?? []).length,
      }))
      .sort((left, right) => left.parameters - right.parameters);
  }

  /** The document served at `${baseUrl}/openapi.json`. */
  static async load(baseUrl: string): Promise<ResponseValidator> {
    const response = await fetch(`${baseUrl}/openapi.json`);
    if (!response.ok) throw new Error(`GET ${baseUrl}/openapi.json answered ${response.status}`);
    return new ResponseValidator((await response.json()) as OpenApiDocument);
  }

  /** What is wrong with the response by the document; empty when it is described. */
  problems(response: ReceivedResponse): string[] {
    const method = response.method.toLowerCase();
    const path = response.path.split('?')[0] ?? '';
    const template = this.templates.find((candidate) => candidate.pattern.test(path))?.template;
    if (template === undefined) return this.refusalProblems(response, `no path of the document matches ${path}`);
    const operation = this.document.paths[template]?.[method];
    if (!METHODS.has(method) || operation === undefined) return this.refusalProblems(response, `${template} documents no ${method.toUpperCase()}`);
    const status = String(response.status);
    const responses = operation.responses ?? {};
    const key = [status, `${status[0]}XX`, 'default'].find((candidate) => candidate in responses);
    if (key === undefined) return [`status ${status} is not documented for ${method.toUpperCase()} ${template} (documented: ${Object.keys(responses).join(', ')})`];
    const content = responses[key]?.content;
    const hasBody = response.body !== '' && response.body !== undefined;
    if (content === undefined) return hasBody ? [`the ${status} response of ${method.toUpperCase()} ${template} is documented without a body`] : [];
    const mediaType = response.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(mediaType in content)) {
      return [`content type ${response.contentType ?? '(none)'} is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`];
    }
    // A stream's body is its events, checked one by one; other media types are only named.
    if (mediaType === 'text/event-stream' || (!isJson(mediaType) && !mediaType.startsWith('text/'))) return [];
    if (!(content[mediaType] as { schema?: unknown }).schema) return [];
    const pointer = `#/paths/${pointerEscape(template)}/${method}/responses/${key}/content/${pointerEscape(mediaType)}/schema`;
    return this.validate(pointer, response.body);
  }

  /**
   * A request outside the document (an unknown path, a method a path does not have) can only be
   * refused: 404 or 405 with a problem document of the document's `ProblemDetails` schema.
   */
  private refusalProblems(response: ReceivedResponse, outside: string): string[] {
    if (response.status !== 404 && response.status !== 405) return [`${outside}, yet the API answered ${response.status} rather than refusing it (404 or 405)`];
    if (response.contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/problem+json') {
      return [`${outside}: its ${response.status} must be application/problem+json, not ${response.contentType ?? '(none)'}`];
    }
    return this.schemaProblems(PROBLEM_SCHEMA, response.body);
  }

  /** Problems of a value against a named schema of `components.schemas` (`JobResponse`, …). */
  schemaProblems(schemaName: string, value: unknown): string[] {
    if (this.document.components?.schemas?.[schemaName] === undefined) return [`the document has no schema ${schemaName}`];
    return this.validate(`#/components/schemas/${pointerEscape(schemaName)}`, value);
  }

  /** Throws an `OpenApiMismatchError` naming the request, the status and every schema error. */
  assertDescribed(response: ReceivedResponse): void {
    const problems = this.problems(response);
    if (problems.length === 0) return;
    throw new OpenApiMismatchError(
      `${response.method.toUpperCase()} ${response.path} → ${response.status} ${response.contentType ?? ''} does not match the OpenAPI document:\n` +
        `  ${problems.join('\n  ')}\n  body: ${truncate(JSON.stringify(response.body))}`,
    );
  }

  private validate(pointer: string, value: unknown): string[] {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(describeError);
  }
}

function describeError(error: ErrorObject): string {
  const params = Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
  return `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}${params} (schema ${error.schemaPath})`;
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function pointerEscape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function truncate(text: string | undefined, length = 600): string {
  return text === undefined ? '(none)' : text.length > length ? `${text.slice(0, length)}…` : text;
}
