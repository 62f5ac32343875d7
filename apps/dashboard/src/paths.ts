/** Where the API serves the dashboard (Vite's `base`): every route and link is under it. */
export const BASE_PATH = import.meta.env.BASE_URL;

/** The dashboard's pages, as paths a link or `route()` takes. */
export const PATHS = {
  jobs: BASE_PATH,
  job: (id: string) => `${BASE_PATH}jobs/${encodeURIComponent(id)}`,
  submit: `${BASE_PATH}submit`,
  overview: `${BASE_PATH}overview`,
  admin: `${BASE_PATH}admin`,
  schedules: `${BASE_PATH}schedules`,
  schedule: (id: string) => `${BASE_PATH}schedules/${encodeURIComponent(id)}`,
  signIn: `${BASE_PATH}sign-in`,
} as const;
