# One image for every role of the hub; the role is the command:
#   docker run IMAGE gateway | cameras | footage | registrations | requests | anpr | migrate
# Build:  docker build -t hub .                       (base: the official Node image)
#         docker build --build-arg BASE=debian:bookworm-slim -t hub .   with the official Node.js
#         Linux tarball (node-v20.x.y-linux-x64.tar.gz from nodejs.org) in deploy/node-dist/
# Behind a TLS-intercepting proxy, put its CA certificate (*.crt) in deploy/extra-ca/ for `npm ci`.
ARG BASE=node:20-bookworm-slim

FROM ${BASE} AS node
# A base without Node gets it from the official tarball in the build context (the only way it
# enters the image besides the base itself).
COPY deploy/node-dist/ /tmp/node-dist/
RUN if ! command -v node >/dev/null 2>&1; then \
      set -e; tarball="$(ls /tmp/node-dist/node-v*-linux-*.tar.gz | head -n 1)"; \
      tar -xzf "$tarball" -C /usr/local --strip-components=1 --no-same-owner --exclude='*/include' --exclude='*/share'; \
    fi \
 && rm -rf /tmp/node-dist && node --version

FROM node AS build
WORKDIR /app
COPY deploy/extra-ca/ /tmp/extra-ca/
COPY . .
# everything to compile, then only what @hub/stack (every role) needs at run time
RUN set -e; ca="$(ls /tmp/extra-ca/*.crt 2>/dev/null | head -n 1 || true)"; export NODE_EXTRA_CA_CERTS="$ca"; \
    npm ci --no-audit --no-fund --ignore-scripts \
 && npx turbo run build --output-logs=errors-only \
 && rm -rf node_modules \
 && npm ci --no-audit --no-fund --ignore-scripts --omit=dev --workspace @hub/stack \
 && node scripts/patch-postgres.mjs \
 && rm -rf packages/*/src subgraphs/*/src gateway/src test deploy /tmp/extra-ca .turbo \
      packages/*/*.config.ts subgraphs/*/*.config.ts \
      packages/*/dist/*.tsbuildinfo subgraphs/*/dist/*.tsbuildinfo gateway/dist/*.tsbuildinfo \
 && npm cache clean --force

FROM node
ENV NODE_ENV=production PORT=4000 HOST=0.0.0.0
# glibc gives each thread that allocates its own malloc arena; two keep RSS ~40–80 MB lower (BENCHMARKS.md P6)
ENV MALLOC_ARENA_MAX=2
# where a process given no production keys keeps dev ones (writable by the numeric user)
ENV HUB_DATA_DIR=/tmp/hub
WORKDIR /app
COPY --from=build /app /app
# no account of its own: a numeric user that owns nothing in the image
USER 10001:10001
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "packages/stack/dist/serve.js"]
CMD ["gateway"]
