import { ResponseValidator } from './openapi-validator.js';

/** One document per API: loaded on an API's first response, then reused. */
const validators = new Map<string, Promise<ResponseValidator>>();

/** The validator of the document served by the API at `origin` (`http://127.0.0.1:3000`). */
export function responseValidatorFor(origin: string): Promise<ResponseValidator> {
  let validator = validators.get(origin);
  if (!validator) {
    validator = ResponseValidator.load(origin);
    // A failed load (the API not up yet) is tried again by the next response.
    validator.catch(() => validators.delete(origin));
    validators.set(origin, validator);
  }
  return validator;
}

/**
 * `fetch` that checks each response against the OpenAPI document of the API that sent it, like
 * `ApiClient` does: for clients under test that take a fetch (the SDK) and for event streams, whose
 * status and content type are checked here and their events as they arrive.
 */
export const validatingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const request = input instanceof Request ? input : null;
  const url = new URL(request?.url ?? String(input));
  const contentType = response.headers.get('content-type');
  let body: unknown = '';
  if (!contentType?.startsWith('text/event-stream')) {
    const text = await response.clone().text();
    body = contentType?.includes('json') && text.length > 0 ? JSON.parse(text) : text;
  }
  const validator = await responseValidatorFor(url.origin);
  validator.assertDescribed({ method: init?.method ?? request?.method ?? 'GET', path: url.pathname + url.search, status: response.status, contentType, body });
  return response;
};
