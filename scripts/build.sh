#!/usr/bin/env bash
# The one build used by `pnpm start`, the Dockerfile and the browser tests: the dashboard's static
# files, then the server bundle that serves them. The bundle includes the workspace packages it
# imports from TypeScript source: @gepa-aime/core and @gepa-aime/offline-model (the `offline` provider).
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm --filter @gepa-aime/dashboard build
pnpm --filter @gepa-aime/server build
