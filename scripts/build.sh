#!/usr/bin/env bash
# The one build used by `pnpm start`, the Dockerfile and the browser tests: the dashboard's static
# files, then the server bundle that serves them.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm --filter @gepa-aime/dashboard build
pnpm --filter @gepa-aime/server build
