#!/bin/sh
# The production build and start, step by step: the Dockerfile runs exactly these steps (one `RUN` per step, the
# `CMD` is `start`), and e2e/journeys/production.e2e.ts runs them on a copy of the repository's tracked files.
#
#   sh scripts/prod-build.sh install   npm ci (every dependency: the build needs the dev ones)
#   sh scripts/prod-build.sh build     the production H5 build into dist-h5/ (served by the server at /) and the
#                                      office console's into dist-admin/ (served at /admin)
#   sh scripts/prod-build.sh prune     drop the dev dependencies (what the image keeps)
#   sh scripts/prod-build.sh start     the server with NODE_ENV=production (needs AUTH_MODE, DATABASE_URL,
#                                      SESSION_SECRET, DATA_KEY: see the configuration table in README.md)
#   sh scripts/prod-build.sh all       install, build, prune, start
#
# PROD_BUILD_NODE_MODULES=<dir>: `install` links node_modules to <dir> instead of running npm ci, and `prune`
# leaves it alone (it is someone else's tree). For tests on a machine that already has the dependencies; an image
# build never sets it.
set -eu
cd "$(dirname "$0")/.."

step_install() {
  if [ -n "${PROD_BUILD_NODE_MODULES:-}" ]; then
    ln -sfn "$PROD_BUILD_NODE_MODULES" node_modules
  else
    npm ci --no-audit --no-fund
  fi
}

step_build() {
  NODE_ENV=production npm run build:h5
  NODE_ENV=production npm run build:admin
}

step_prune() {
  if [ -n "${PROD_BUILD_NODE_MODULES:-}" ]; then
    echo "prod-build: PROD_BUILD_NODE_MODULES is set, node_modules is linked: not pruning it"
  else
    npm prune --omit=dev --no-audit --no-fund
  fi
}

step_start() {
  export NODE_ENV=production
  export STATIC_DIR="${STATIC_DIR:-$PWD/dist-h5}"
  export ADMIN_DIR="${ADMIN_DIR:-$PWD/dist-admin}"
  exec node --import tsx server/src/main.ts
}

case "${1:-}" in
  install) step_install ;;
  build) step_build ;;
  prune) step_prune ;;
  start) step_start ;;
  all) step_install && step_build && step_prune && step_start ;;
  *)
    echo "usage: sh scripts/prod-build.sh install|build|prune|start|all" >&2
    exit 2
    ;;
esac
