import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Served by the API under /dashboard/: hashed files in assets/ are cached for a year, index.html never.
export default defineConfig({
  base: '/dashboard/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The API sends index.html and the assets itself; a manifest lets it tell hashed files from the rest.
    manifest: true,
    // No inline <script>: the API's Content-Security-Policy allows scripts from its own origin only.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
});
