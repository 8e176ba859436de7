#!/usr/bin/env bash
# npm run test:image — builds the one image on a Debian base made here (no image registry needed),
# with Node from the official-style tarball in deploy/node-dist/ (made from this machine's Node when
# absent), then runs it as the production topology would: migrate once, five subgraphs and a
# gateway as containers (--network host only) against PostgreSQL on 127.0.0.1:5432, and checks
# health, readiness, a query through the gateway, the non-root user, no dev dependencies, and a
# clean stop on SIGTERM. Needs root (dockerd, debootstrap): apt-get install -y docker.io debootstrap
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_IMAGE=${BASE_IMAGE:-local/bookworm:minbase}
IMAGE=${IMAGE:-camera-oversight-hub:test}
PG=${TEST_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB="hub_image_$$"
PORT0=${TEST_IMAGE_PORT:-4900}
log() { printf '== %s\n' "$*"; }
containers=()
dockerd_pid=

cleanup() {
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -f deploy/extra-ca/build-host.crt
  if [ -n "$dockerd_pid" ]; then kill "$dockerd_pid"; wait "$dockerd_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  dockerd >/tmp/hub-test-image-dockerd.log 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null
fi

if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "making $BASE_IMAGE with debootstrap"
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$rootfs" >/dev/null
  tar -C "$rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
fi

if ! ls deploy/node-dist/node-v*-linux-*.tar.gz >/dev/null 2>&1; then
  # the layout of the official tarball (bin/node, lib/node_modules/npm), from this machine's Node
  ver=$(node -p process.version)
  prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  log "packing this machine's Node $ver (as nodejs.org's node-$ver-linux-x64.tar.gz)"
  stage=$(mktemp -d)
  top="$stage/node-$ver-linux-x64"
  mkdir -p "$top/bin" "$top/lib/node_modules"
  cp "$prefix/bin/node" "$top/bin/node"
  cp -R "$prefix/lib/node_modules/npm" "$top/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$top/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$top/bin/npx"
  tar -C "$stage" -czf "deploy/node-dist/node-$ver-linux-x64.tar.gz" "node-$ver-linux-x64"
  rm -rf "$stage"
fi

# a TLS-intercepting proxy between this machine and the npm registry: trust its CA during the build
ca=${NODE_EXTRA_CA_CERTS:-$(npm config get cafile 2>/dev/null || true)}
if [ -n "$ca" ] && [ "$ca" != "null" ] && [ -f "$ca" ]; then cp "$ca" deploy/extra-ca/build-host.crt; fi

log "docker build (BASE=$BASE_IMAGE)"
start=$(date +%s)
docker build -q --network host --build-arg "BASE=$BASE_IMAGE" -t "$IMAGE" . >/dev/null
echo "built $IMAGE in $(( $(date +%s) - start )) s, $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
hex32() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
common=(--network host -e "HUB_INTERNAL_SECRET=$secret" -e "DATABASE_URL=$PG/$DB" -e "AUDIT_HMAC_KEY=$(hex32)")
psql -q "$PG/postgres" -c "CREATE DATABASE $DB" >/dev/null

log "migrate (the once-per-release job)"
docker run --rm "${common[@]}" "$IMAGE" migrate

urls=()
port=$PORT0
for role in cameras footage registrations requests anpr; do
  port=$((port + 1))
  name="hub-test-$role-$$"
  extra=()
  [ "$role" = cameras ] && extra+=(-e HUB_SEED=true)
  [ "$role" = footage ] && extra+=(-e "PLAYBACK_URL_SECRET=$(hex32)")
  [ "$role" = anpr ] && extra+=(-e "ANPR_HASH_KEY=$(hex32)" -e "ANPR_ENCRYPTION_KEY=$(hex32)")
  docker run -d --name "$name" "${common[@]}" -e "PORT=$port" "${extra[@]}" "$IMAGE" "$role" >/dev/null
  containers+=("$name")
  urls+=("$role=http://127.0.0.1:$port/graphql")
done
gw="hub-test-gateway-$$"
# production refuses to start without an identity provider: this smoke test asks for the dev key
# pair explicitly (it only sends public queries) and allows no cross-origin callers
docker run -d --name "$gw" --network host -e "HUB_INTERNAL_SECRET=$secret" -e "PORT=$PORT0" \
  -e HUB_DEV_KEYS=1 -e HUB_ALLOWED_ORIGINS=same-origin \
  -e "SUBGRAPH_URLS=$(IFS=,; echo "${urls[*]}")" "$IMAGE" gateway >/dev/null
containers+=("$gw")

log "waiting for the HEALTHCHECK of every container"
for _ in $(seq 1 90); do
  states=$(for c in "${containers[@]}"; do docker inspect -f '{{.State.Health.Status}}' "$c"; done | sort | uniq -c | tr '\n' ' ')
  [[ "$states" =~ ^\ *6\ healthy\ $ ]] && break
  if docker ps -a --filter "id=$(docker inspect -f '{{.Id}}' "$gw")" --format '{{.Status}}' | grep -q Exited; then break; fi
  sleep 2
done
for c in "${containers[@]}"; do echo "$c: $(docker inspect -f '{{.State.Health.Status}}' "$c")"; done
[[ "$states" =~ ^\ *6\ healthy\ $ ]] || { for c in "${containers[@]}"; do docker logs "$c" 2>&1 | tail -5; done; exit 1; }

log "checks"
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
check "gateway /readyz (every subgraph up) is 200" \
  "[ \"\$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT0/readyz)\" = 200 ]"
answer=$(curl -s "http://127.0.0.1:$PORT0/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ publicCameraRegister(municipality: \"GM0344\", first: 3) { edges { node { name legalBasis } } } }"}')
echo "     query through the gateway: ${answer:0:160}"
check "a public query through the gateway returns the seeded register" "echo '$answer' | grep -q '\"legalBasis\"'"
check "processes run as uid 10001, not root" "[ \"\$(docker exec $gw node -p 'process.getuid()')\" = 10001 ]"
check "no dev dependencies in the image (vitest, tsx, typescript, turbo)" \
  "! docker run --rm --entrypoint sh $IMAGE -c 'ls node_modules/vitest node_modules/tsx node_modules/typescript node_modules/turbo' >/dev/null 2>&1"
check "no TypeScript sources in the image" \
  "[ \"\$(docker run --rm --entrypoint sh $IMAGE -c 'find /app/packages /app/subgraphs /app/gateway -name \"*.ts\" ! -name \"*.d.ts\" ! -path \"*/node_modules/*\" | wc -l')\" = 0 ]"
stop_start=$(date +%s%N)
docker stop -t 20 "$gw" >/dev/null
check "the gateway stops on SIGTERM with exit code 0 in $(( ($(date +%s%N) - stop_start) / 1000000 )) ms" \
  "[ \"\$(docker inspect -f '{{.State.ExitCode}}' $gw)\" = 0 ]"
exit $fail
