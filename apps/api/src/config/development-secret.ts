/** Only for local development: production refuses to start with it. */
export const DEVELOPMENT_JWT_SECRET = 'local-development-secret-do-not-use-in-production';
