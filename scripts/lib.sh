# Shared by scripts/run and scripts/test: install what is missing, never more.
# Sourced, not executed. Every step checks first and prints one line when it acts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/piazza-target}"
export PATH="$HOME/.cargo/bin:$PATH"
CARGO_LEPTOS_VERSION="0.3.10"

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
}

piazza_bin() {
  echo "$CARGO_TARGET_DIR/debug/piazza"
}

# Variables the binary needs to find the compiled site (wasm, css, vendor assets).
export_site_env() {
  export PIAZZA_SITE_ROOT="$ROOT/target/site"
}
