//! The map tiles of this deployment (`PIAZZA_MAP_TILES`): an address template with
//! `{z}`, `{x}` and `{y}`, and the attribution their provider asks for. Without
//! them maps show their markers on a plain background, as they do when tiles
//! cannot be reached: no page depends on a tile server.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapTiles {
    pub url: String,
    pub attribution: String,
}

impl MapTiles {
    /// The setting, checked: http(s) or a path of this site, with the three places.
    pub fn parse(url: &str, attribution: &str) -> Result<MapTiles, String> {
        let url = url.trim();
        let scheme =
            url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/');
        if !scheme || ["{z}", "{x}", "{y}"].iter().any(|p| !url.contains(p)) {
            return Err(format!(
                "{url:?} must be an address like https://tiles.example.it/{{z}}/{{x}}/{{y}}.png"
            ));
        }
        if url.contains(|c: char| c.is_whitespace() || c == ';' || c == '\'' || c == '"') {
            return Err(format!("{url:?} has characters an address cannot have"));
        }
        Ok(MapTiles {
            url: url.to_string(),
            attribution: attribution.trim().to_string(),
        })
    }

    /// Where the tiles come from, for the Content-Security-Policy's `img-src`
    /// (empty for this site's own).
    pub fn origin(&self) -> &str {
        match self.url.split_once("://") {
            Some((_, rest)) => {
                let host_end = rest
                    .find('/')
                    .map_or(self.url.len(), |i| self.url.len() - rest.len() + i);
                &self.url[..host_end]
            }
            None => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_are_checked_and_give_their_origin() {
        let t =
            MapTiles::parse("https://tiles.example.it:8443/osm/{z}/{x}/{y}.png", "© OSM").unwrap();
        assert_eq!(t.origin(), "https://tiles.example.it:8443");
        assert_eq!(
            MapTiles::parse("/tiles/{z}/{x}/{y}.png", "")
                .unwrap()
                .origin(),
            ""
        );
        for bad in [
            "ftp://x/{z}/{x}/{y}",
            "https://x/{z}/{x}.png",
            "https://x/{z}/{x}/{y}.png; script-src *",
        ] {
            assert!(MapTiles::parse(bad, "").is_err(), "{bad}");
        }
    }
}
