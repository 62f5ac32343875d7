/** The folder `vite build` writes: index.html, .vite/manifest.json and the hashed assets/. */
export declare const dashboardDirectory: string;
