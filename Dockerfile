# GEPA-AIME service image. Build: `docker build -t gepa-aime .`
# Stage 1 installs with pnpm from the lockfile and runs scripts/build.sh (the same build `pnpm start`
# and CI run); stage 2 is a slim Node runtime with production dependencies only, running as `node`.
# `COPY . .` brings every workspace package (packages/core, packages/offline-model, apps/*); the
# server bundle carries core and the offline model, so the runtime stage needs no workspace sources.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
ENV CI=true
RUN npm install --global pnpm@12.4.2
WORKDIR /src
# Dependencies depend on the lockfile alone, so source edits reuse this layer.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile
RUN bash scripts/build.sh
# The server's production dependencies (the bundle keeps them external) in one flat node_modules
# without symlinks, resolvable from apps/server/dist/server.js.
RUN pnpm --filter @gepa-aime/server deploy --prod --node-linker hoisted /prod/server

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    AIME_HOST=0.0.0.0 \
    AIME_PORT=8765 \
    AIME_TRACES_DIR=/app/traces \
    AIME_WORKSPACE=/workspace
WORKDIR /app
COPY --from=build /prod/server/package.json apps/server/package.json
COPY --from=build /prod/server/node_modules apps/server/node_modules
COPY --from=build /src/apps/server/dist apps/server/dist
COPY --from=build /src/apps/dashboard/dist apps/dashboard/dist
COPY --from=build /src/config config
RUN mkdir -p /app/traces /workspace && chown node:node /app/traces /workspace
USER node
VOLUME ["/app/traces", "/app/config", "/workspace"]
EXPOSE 8765
# Binding 0.0.0.0 makes the server require AIME_API_TOKEN, so the probe sends it (harmless if /health is open).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.AIME_PORT || 8765) + '/health', { headers: { authorization: 'Bearer ' + (process.env.AIME_API_TOKEN || '') }, signal: AbortSignal.timeout(4000) }).then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/server/dist/server.js"]
