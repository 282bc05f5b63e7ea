//! A map of places (`public/static/map.js` draws it with Leaflet, served by Piazza):
//! the markers of a GeoJSON address, in clusters, on the deployment's tiles or on a
//! plain background. It always stands beside a list of the same places, the equal
//! way for keyboards, screen readers and pages without JavaScript. The reports
//! module will use it too.

use crate::i18n::T;
use crate::tiles::MapTiles;
use leptos::prelude::*;
use leptos_meta::{Link, Script};

/// The map; `geojson` is the address of its features, `label` names it for screen
/// readers (the region says what it shows).
#[component]
pub fn PlacesMap(
    #[prop(into)] geojson: String,
    tiles: Option<MapTiles>,
    #[prop(into)] label: String,
) -> impl IntoView {
    let tiles = tiles.unwrap_or_default();
    let lang = crate::i18n::use_lang();
    view! {
        <Link rel="stylesheet" href="/vendor/leaflet/leaflet.css"/>
        <Link rel="stylesheet" href="/vendor/leaflet.markercluster/MarkerCluster.css"/>
        <Link rel="stylesheet" href="/vendor/leaflet.markercluster/MarkerCluster.Default.css"/>
        <Script src="/static/map.js" defer="true"/>
        <div class="piazza-map mb-4" role="region" aria-label=label data-piazza-map=""
            data-geojson=geojson data-tiles=tiles.url data-attribution=tiles.attribution
            data-zoom-in=lang.t(T::PlacesZoomIn) data-zoom-out=lang.t(T::PlacesZoomOut)></div>
    }
}
