# Shared by scripts/run and scripts/test: install what is missing, never more.
# Sourced, not executed. Every step checks first and prints one line when it acts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/piazza-target}"
export PATH="$HOME/.cargo/bin:$PATH"
CARGO_LEPTOS_VERSION="0.3.10"
# cargo-leptos builds with these; giving plain `cargo test` the same ones (see
# cargo_test) lets both share one set of compiled dependencies.
LEPTOS_DEV_RUSTFLAGS="--cfg erase_components"
export LEPTOS_OUTPUT_NAME=piazza LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
  LEPTOS_BIN_DIR=server LEPTOS_HASH_FILES=false LEPTOS_JS_MINIFY=false

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes on 2 cores, once)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    say "installing wasm-bindgen-cli $want (the version in Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_node() {
  if ! command -v npm >/dev/null; then
    say "installing Node.js and npm"
    apt_install nodejs npm
  fi
}

# Bootstrap Italia (CSS, fonts, icons) and Leaflet come from npm and are served by Piazza.
ensure_front_assets() {
  ensure_node
  if [ ! -d "$ROOT/style/node_modules/bootstrap-italia" ] || [ "$ROOT/style/package-lock.json" -nt "$ROOT/style/node_modules/.package-lock.json" ]; then
    say "installing front-end packages (npm ci in style/)"
    (cd "$ROOT/style" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  "$ROOT/style/vendor.sh"
}

build_site() {
  ensure_rust
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_front_assets
  say "building Piazza (cargo leptos build)"
  (cd "$ROOT" && cargo leptos build "$@")
  if [ "${1:-}" = "--release" ]; then
    precompress_site
  else
    # A debug build must not be shadowed by a release build's compressed copies.
    find "$ROOT/target/site" -type f \( -name '*.br' -o -name '*.gz' \) -delete
  fi
}

# Brotli and gzip copies of the site's wasm, scripts and styles, written once at build
# time: the server sends them as they are (ServeDir's precompressed files) instead of
# compressing megabytes on every download.
precompress_site() {
  if ! command -v brotli >/dev/null 2>&1; then
    apt_install brotli
  fi
  say "precompressing the site's wasm, scripts and styles (brotli, gzip)"
  find "$ROOT/target/site" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.svg' \) |
    while read -r f; do
      brotli -f -k -q 11 "$f"
      gzip -f -k -9 "$f"
    done
}

ensure_nextest() {
  if ! cargo nextest --version >/dev/null 2>&1; then
    say "installing cargo-nextest (the test runner: one process per test)"
    cargo install cargo-nextest --locked
  fi
}

# The licence, ban and source check of every crate in Cargo.lock (deny.toml).
ensure_cargo_deny() {
  if ! cargo deny --version 2>/dev/null | grep -q '^cargo-deny 0\.20\.'; then
    say "installing cargo-deny 0.20 (licences, bans and sources of the dependencies)"
    cargo install cargo-deny --version '~0.20' --locked
  fi
}

check_dependencies() {
  ensure_cargo_deny
  cargo deny --locked --all-features check licenses bans sources
}

# The Rust tests with the flags cargo-leptos uses for dev builds (not exported, because
# cargo-leptos appends its own flags to any RUSTFLAGS it finds), through nextest: each
# test in its own process, several at once (.config/nextest.toml).
cargo_test() {
  ensure_nextest
  RUSTFLAGS="$LEPTOS_DEV_RUSTFLAGS" cargo nextest run "$@"
}

piazza_bin() {
  echo "$CARGO_TARGET_DIR/debug/piazza"
}

# Variables the binary needs to find the compiled site (wasm, css, vendor assets).
export_site_env() {
  export PIAZZA_SITE_ROOT="$ROOT/target/site"
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium for the browser tests"
    apt_install chromium
  fi
}

ensure_e2e_packages() {
  ensure_node
  if [ ! -d "$ROOT/end2end/node_modules/playwright-core" ] || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    say "installing browser-test packages (npm ci in end2end/)"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The Python programs the tests talk to, from PyPI, in their own virtual environment:
# moto's S3 server (uploads kept in an S3-compatible bucket), and the independent
# readers of what Piazza publishes: feedparser (Atom, RSS), icalendar and
# recurring-ical-events (iCalendar, and the occurrences its rules give),
# and geojson (RFC 7946); aiosmtpd, the SMTP server newsletters are sent to.
PY_TOOLS="moto[server]==5.2.5 aiosmtpd==1.4.6 feedparser==6.0.14 icalendar==7.3.2 recurring-ical-events==3.8.2 geojson==3.3.0"
ensure_python_tools() {
  local venv="$HOME/.cache/piazza-py"
  if [ "$(cat "$venv/.tools" 2>/dev/null)" != "$PY_TOOLS" ]; then
    say "installing the Python tools of the tests ($PY_TOOLS)"
    python3 -m venv "$venv"
    # shellcheck disable=SC2086
    "$venv/bin/pip" install -q $PY_TOOLS
    echo "$PY_TOOLS" > "$venv/.tools"
  fi
  export PIAZZA_TEST_MOTO="$venv/bin/moto_server"
  export PIAZZA_TEST_PYTHON="$venv/bin/python"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# PostgreSQL for the tests: PIAZZA_TEST_PG_URL if given, the local server on 5432 if it
# answers, otherwise a throwaway cluster in a temporary directory, stopped on exit.
PG_TMP=""
stop_throwaway_pg() {
  if [ -n "$PG_TMP" ] && [ -d "$PG_TMP/data" ]; then
    ${PG_RUN:-} "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}

ensure_test_postgres() {
  if [ -n "${PIAZZA_TEST_PG_URL:-}" ]; then return; fi
  if [ -z "${PIAZZA_THROWAWAY_PG:-}" ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
    export PIAZZA_TEST_PG_URL="postgres://postgres@127.0.0.1:5432/postgres"
    return
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ]; then
    say "installing PostgreSQL (Debian) for a throwaway test cluster"
    apt_install postgresql
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  PG_TMP=$(mktemp -d /tmp/piazza-pg.XXXXXX)
  PG_RUN=""
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_TMP"
    PG_RUN="runuser -u postgres --"
  fi
  local port
  port=$(free_port)
  say "starting a throwaway PostgreSQL on port $port"
  $PG_RUN "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 >/dev/null
  $PG_RUN "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1" start >/dev/null
  trap stop_throwaway_pg EXIT
  export PIAZZA_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
}
