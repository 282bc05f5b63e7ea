#!/usr/bin/env bash
# Copies the parts of the npm packages that Piazza serves into public/vendor/
# (cargo-leptos then copies public/ into the site root). Re-runnable.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
nm="$here/node_modules"
out="$here/../public/vendor"
bi="$nm/bootstrap-italia/dist"
[ -d "$bi" ] || { echo "style/node_modules is missing: run npm ci in style/" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/bootstrap-italia/css" "$out/bootstrap-italia/svg" "$out/bootstrap-italia/fonts" "$out/leaflet"
cp "$bi/css/bootstrap-italia.min.css" "$out/bootstrap-italia/css/"
cp "$bi/svg/sprites.svg" "$out/bootstrap-italia/svg/"
for family in Titillium_Web Roboto_Mono Lora; do
  mkdir -p "$out/bootstrap-italia/fonts/$family"
  cp "$bi/fonts/$family/"*.woff2 "$out/bootstrap-italia/fonts/$family/"
  cp "$bi/fonts/$family/OFL.txt" "$out/bootstrap-italia/fonts/$family/" 2>/dev/null || true
done
cp "$nm/bootstrap-italia/LICENSE" "$out/bootstrap-italia/" 2>/dev/null || true
# The version, where AgID's validator reads it (window.BOOTSTRAP_ITALIA_VERSION, which
# Bootstrap Italia's own script would set; Piazza does not load that script).
version="$(node -p 'require(process.argv[1]).version' "$nm/bootstrap-italia/package.json")"
printf 'window.BOOTSTRAP_ITALIA_VERSION = "%s";\n' "$version" > "$out/bootstrap-italia/version.js"
cp -r "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/images" "$out/leaflet/"
cp "$nm/leaflet/LICENSE" "$out/leaflet/" 2>/dev/null || true
mkdir -p "$out/leaflet.markercluster"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
  "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" "$out/leaflet.markercluster/"
cp "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$out/leaflet.markercluster/" 2>/dev/null || true
