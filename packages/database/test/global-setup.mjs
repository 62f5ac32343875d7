// Plain ESM (Jest does not transform global setup the way it does tests): uses the built package.
import { startTestPostgres } from '../dist/index.js';

export default async function globalSetup() {
  globalThis.testPostgres = await startTestPostgres();
}
