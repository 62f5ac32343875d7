import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { JobHandlerClass } from '../execution/job-handler.js';

/** `.js` once built, `.ts` when specs run the sources. */
const EXTENSION = import.meta.url.slice(import.meta.url.lastIndexOf('.'));

function isHandlerClass(value: unknown): value is JobHandlerClass {
  return typeof value === 'function' && typeof (value as { jobType?: unknown }).jobType === 'string' && typeof value.prototype?.handle === 'function';
}

/**
 * Every handler class exported by a `*.handler` file under this folder: adding a job type's handler
 * is adding its file. The worker pairs them with the catalog at boot.
 */
export async function discoverHandlers(): Promise<JobHandlerClass[]> {
  const folder = fileURLToPath(new URL('.', import.meta.url));
  const files = (await readdir(folder, { recursive: true })).filter((file) => file.endsWith(`.handler${EXTENSION}`)).sort();
  const classes: JobHandlerClass[] = [];
  for (const file of files) {
    const exports: Record<string, unknown> = await import(pathToFileURL(join(folder, file)).href);
    classes.push(...Object.values(exports).filter(isHandlerClass));
  }
  return classes;
}
