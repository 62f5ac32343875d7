# syntax=docker/dockerfile:1
# One Dockerfile, three images (BuildKit or the legacy builder alike: no BuildKit-only instruction):
#   docker build --target api     -t jobs-platform/api .
#   docker build --target worker  -t jobs-platform/worker .
#   docker build --target migrate -t jobs-platform/migrate .
# Final images hold the built JavaScript and a production-only install, run as the unprivileged
# `node` user, and keep the repository's layout under /app (migrations are found at /app/prisma).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS pnpm
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
RUN npm install --global --no-fund --no-audit pnpm@10.34.9
WORKDIR /app

# Manifests first, so dependency layers are reused until a manifest or the lockfile changes.
FROM pnpm AS manifests
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/worker/package.json apps/worker/
COPY packages/client/package.json packages/client/
COPY packages/contracts/package.json packages/contracts/
COPY packages/database/package.json packages/database/
COPY packages/dev-postgres/package.json packages/dev-postgres/
COPY packages/dto/package.json packages/dto/
COPY packages/jobs/package.json packages/jobs/
COPY packages/runtime/package.json packages/runtime/
COPY packages/testing/package.json packages/testing/
COPY packages/tracing/package.json packages/tracing/
COPY tests/browser/package.json tests/browser/
COPY tests/e2e/package.json tests/e2e/
COPY tests/generated-clients/package.json tests/generated-clients/

FROM manifests AS build
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm exec turbo run build --filter=@jobs/api --filter=@jobs/worker --filter=@jobs/database

# The pruned install: production dependencies of the two apps (and the packages they use) only.
# --filter-prod follows only production dependencies when selecting workspace packages, so
# development-only ones (@jobs/dev-postgres, a devDependency of @jobs/database) are not selected.
# --no-optional: the workspace root's optional Node 24 binary (`node-linux-*`, for scripts) and
# optional peers such as the Prisma CLI are not needed at run time (the image has its own Node).
FROM manifests AS production-dependencies
RUN pnpm install --frozen-lockfile --prod --no-optional --filter-prod "@jobs/api..." --filter-prod "@jobs/worker..."

# The migration image also carries the Prisma CLI, whose install fetches the schema engine that
# `prisma migrate deploy` / `prisma migrate status` run; `prisma version` fails the build without it.
FROM manifests AS migration-dependencies
RUN pnpm install --frozen-lockfile --filter "@jobs/database"
RUN cd packages/database && pnpm exec prisma version

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# V8's heap sized from the container's memory limit (Node reads the cgroup, v1 or v2): 60 % of it for
# the old generation, 8 MiB semi-spaces, so heap and the rest of the process (code, Prisma's query
# compiler, buffers: about 70 MiB) stay under the limit — V8 collects rather than the kernel killing.
# Node's own sizing takes the whole limit as the heap's ceiling and gives a small heap 1 MiB
# semi-spaces. Without a limit, 60 % of the machine's memory (BENCHMARKS.md, "Memory: 256 MiB per process").
ENV NODE_OPTIONS="--max-old-space-size-percentage=60 --max-semi-space-size=8"
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=production-dependencies /app/packages/database/node_modules ./packages/database/node_modules
COPY --from=production-dependencies /app/packages/dto/node_modules ./packages/dto/node_modules
COPY --from=production-dependencies /app/packages/jobs/node_modules ./packages/jobs/node_modules
COPY --from=production-dependencies /app/packages/runtime/node_modules ./packages/runtime/node_modules
COPY --from=production-dependencies /app/packages/tracing/node_modules ./packages/tracing/node_modules
COPY --from=build /app/packages/contracts/package.json ./packages/contracts/
COPY --from=build /app/packages/contracts/dist ./packages/contracts/dist
COPY --from=build /app/packages/database/package.json ./packages/database/
COPY --from=build /app/packages/database/dist ./packages/database/dist
COPY --from=build /app/packages/dto/package.json ./packages/dto/
COPY --from=build /app/packages/dto/dist ./packages/dto/dist
COPY --from=build /app/packages/jobs/package.json ./packages/jobs/
COPY --from=build /app/packages/jobs/dist ./packages/jobs/dist
COPY --from=build /app/packages/runtime/package.json ./packages/runtime/
COPY --from=build /app/packages/runtime/dist ./packages/runtime/dist
COPY --from=build /app/packages/tracing/package.json ./packages/tracing/
COPY --from=build /app/packages/tracing/dist ./packages/tracing/dist
COPY --from=build /app/prisma ./prisma

FROM runtime AS api
COPY --from=production-dependencies /app/apps/api/node_modules ./apps/api/node_modules
COPY --from=build /app/apps/api/package.json /app/apps/api/openapi.json ./apps/api/
COPY --from=build /app/apps/api/dist ./apps/api/dist
# The dashboard's built files (the API serves them at /dashboard/) and the module that locates them.
COPY --from=build /app/apps/dashboard/package.json /app/apps/dashboard/assets.js ./apps/dashboard/
COPY --from=build /app/apps/dashboard/dist ./apps/dashboard/dist
ENV PORT=3000 HOST=0.0.0.0
EXPOSE 3000
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]

FROM runtime AS worker
COPY --from=production-dependencies /app/apps/worker/node_modules ./apps/worker/node_modules
COPY --from=build /app/apps/worker/package.json ./apps/worker/
COPY --from=build /app/apps/worker/dist ./apps/worker/dist
# Probes and metrics; readiness fails while the worker drains after SIGTERM.
ENV WORKER_HTTP_PORT=3001 WORKER_HTTP_HOST=0.0.0.0
EXPOSE 3001
USER node
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.WORKER_HTTP_PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/worker/dist/main.js"]

FROM ${NODE_IMAGE} AS migrate
ENV NODE_ENV=production
WORKDIR /app
COPY --from=migration-dependencies /app/node_modules ./node_modules
COPY --from=migration-dependencies /app/packages/database/node_modules ./packages/database/node_modules
COPY --from=build /app/packages/database/package.json /app/packages/database/prisma.config.ts ./packages/database/
COPY --from=build /app/packages/database/dist ./packages/database/dist
COPY --from=build /app/prisma ./prisma
USER node
# Prisma's own bookkeeping and advisory lock, so concurrent starts cannot race; exits when done.
CMD ["node", "packages/database/dist/cli.js", "migrate"]
