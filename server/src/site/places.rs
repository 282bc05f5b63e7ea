//! `GET /{ente}/luoghi/mappa.geojson`: the ente's places as a GeoJSON
//! FeatureCollection (RFC 7946): one Point per place, longitude first, WGS 84, at
//! most six decimals; a place whose coordinates are not on Earth is left out.
//! `?tipo=` and `?q=` keep the places the list shows with the same filters (the map
//! of the places page reads it so).

use super::section;
use app::auth::server::RequestInfo;
use app::content::model::Place;
use app::ente::model::Module;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;
use serde_json::{json, Value};

/// A coordinate rounded to six decimals (about 10 cm), as RFC 7946 §11.2 advises.
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn feature(state: &AppState, ente: &str, p: &Place) -> Option<Value> {
    let on_earth = p.lat.is_finite()
        && p.lon.is_finite()
        && (-90.0..=90.0).contains(&p.lat)
        && (-180.0..=180.0).contains(&p.lon);
    on_earth.then(|| {
        json!({
            "type": "Feature",
            "id": p.slug,
            "geometry": {"type": "Point", "coordinates": [round(p.lon), round(p.lat)]},
            "properties": {
                "name": p.name,
                "kind": p.kind,
                "description": p.description,
                "address": p.address,
                "url": state.link(&format!("/{ente}/luoghi#luogo-{}", p.slug)),
            }
        })
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    #[serde(default)]
    tipo: String,
    #[serde(default)]
    q: String,
}

pub async fn geojson(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
    Query(filter): Query<Filter>,
) -> Result<Response, Response> {
    let frame = section(&state, &info, &ente, Module::Site).await?;
    let places = crate::gate::ok(
        &info,
        app::content::repo::places(&state.db, frame.ente.id).await,
    )?;
    let slug = &frame.ente.slug;
    let (kind, q): (String, String) = (
        filter.tipo.trim().chars().take(100).collect(),
        filter.q.trim().chars().take(200).collect(),
    );
    let features: Vec<Value> = places
        .iter()
        .filter(|p| p.matches(&kind, &q))
        .filter_map(|p| feature(&state, slug, p))
        .collect();
    let body = json!({"type": "FeatureCollection", "features": features});
    Ok(crate::formats::public(
        "application/geo+json",
        300,
        body.to_string(),
    ))
}
