// Plain ESM (Jest does not transform global setup the way it does tests).
import { startTestPostgres } from '@jobs/dev-postgres';

export default async function globalSetup() {
  globalThis.testPostgres = await startTestPostgres();
}
