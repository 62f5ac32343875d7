// The one thing the API needs from this package on the server: where the built files are.
import { fileURLToPath } from 'node:url';

/** The folder `vite build` writes: index.html, .vite/manifest.json and the hashed assets/. */
export const dashboardDirectory = fileURLToPath(new URL('./dist/', import.meta.url));
