//! `GET /sitemap.xml` (the Sitemaps protocol 0.9, sitemaps.org). Without a query it
//! is the index, which names one sitemap for the platform's pages and the community
//! blogs, one per ente for its sections, events and consultations, and as many per ente for
//! its news as 50,000 addresses each need; `?parte=piattaforma`, `?ente={slug}` and
//! `?ente={slug}&notizie={n}` are those sitemaps. `GET /robots.txt` names the index
//! and keeps crawlers out of the work areas and the server functions.

use crate::formats::xml::escape;
use crate::gate::{self, Login};
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::ente::model::{EnteFrame, Module};
use app::error::AppError;
use app::i18n::Lang;
use app::state::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Extension;
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// The most addresses one sitemap may hold.
const PER_SITEMAP: i64 = 50_000;

#[derive(Debug, Default, Deserialize)]
pub struct Which {
    parte: Option<String>,
    ente: Option<String>,
    notizie: Option<i64>,
}

type Url = (String, Option<DateTime<Utc>>);

pub async fn sitemap(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Query(which): Query<Which>,
) -> Result<Response, Response> {
    gate::allow(&info, Action::ReadPublic, Target::Site, Login::Status)?;
    let body = match (which.parte.as_deref(), which.ente, which.notizie) {
        (None, None, None) => index(&state, &info).await?,
        (Some("piattaforma"), None, None) => urlset(&state, platform(&state, &info).await?),
        (None, Some(ente), None) => urlset(&state, sections(&state, &info, &ente).await?),
        (None, Some(ente), Some(n)) if n >= 1 => {
            urlset(&state, news(&state, &info, &ente, n).await?)
        }
        _ => return Err(gate::refuse(&info, AppError::NotFound)),
    };
    Ok(crate::formats::public(
        "application/xml; charset=utf-8",
        3600,
        body,
    ))
}

async fn frame(state: &AppState, info: &RequestInfo, ente: &str) -> Result<EnteFrame, Response> {
    let today = Lang::local_date(state.clock.now());
    gate::found(info, app::ente::repo::frame(&state.db, ente, today).await)
}

/// How many news sitemaps an ente needs (none while its site is off).
async fn news_sitemaps(
    state: &AppState,
    info: &RequestInfo,
    f: &EnteFrame,
) -> Result<i64, Response> {
    if !f.has(Module::Site) {
        return Ok(0);
    }
    let count = app::content::repo::news_count(&state.db, f.ente.id, state.clock.now()).await;
    Ok((gate::ok(info, count)? + PER_SITEMAP - 1) / PER_SITEMAP)
}

async fn index(state: &AppState, info: &RequestInfo) -> Result<String, Response> {
    let mut maps = vec![state.link("/sitemap.xml?parte=piattaforma")];
    for e in gate::ok(info, app::ente::repo::all(&state.db).await)? {
        let f = frame(state, info, &e.slug).await?;
        maps.push(state.link(&format!("/sitemap.xml?ente={}", e.slug)));
        for n in 1..=news_sitemaps(state, info, &f).await? {
            maps.push(state.link(&format!("/sitemap.xml?ente={}&notizie={n}", e.slug)));
        }
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for loc in maps {
        out.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", escape(&loc)));
    }
    out.push_str("</sitemapindex>\n");
    Ok(out)
}

fn urlset(state: &AppState, urls: Vec<Url>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, changed) in urls {
        out.push_str(&format!("<url><loc>{}</loc>", escape(&state.link(&path))));
        if let Some(at) = changed {
            out.push_str(&format!(
                "<lastmod>{}</lastmod>",
                at.format("%Y-%m-%dT%H:%M:%SZ")
            ));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// The deployment's own pages, and every community blog with its published posts.
async fn platform(state: &AppState, info: &RequestInfo) -> Result<Vec<Url>, Response> {
    let mut urls: Vec<Url> = ["/", "/privacy", "/accessibilita"]
        .into_iter()
        .map(|p| (p.to_string(), None))
        .collect();
    let posts = gate::ok(info, app::blog::repo::published_slugs(&state.db).await)?;
    let mut last_blog = None;
    for (community, post, changed) in posts {
        if last_blog.as_ref() != Some(&community) {
            urls.push((app::blog::model::blog_path(&community), None));
            last_blog = Some(community.clone());
        }
        urls.push((
            app::blog::model::post_path(&community, &post),
            Some(changed),
        ));
    }
    Ok(urls)
}

/// An ente's home, the sections its menu and footer link, its events and its
/// consultations.
async fn sections(state: &AppState, info: &RequestInfo, ente: &str) -> Result<Vec<Url>, Response> {
    let f = frame(state, info, ente).await?;
    let brand = app::ente::brand::ente_brand(&f, Lang::It);
    let mut urls: Vec<Url> = brand
        .menu
        .into_iter()
        .chain(brand.secondary)
        .chain(brand.legal)
        .map(|link| (link.href, None))
        .filter(|(path, _)| path.starts_with(&format!("/{}/", f.ente.slug)))
        .collect();
    urls.insert(0, (format!("/{}", f.ente.slug), None));
    if f.has(Module::Site) {
        urls.extend(site_pages(state, info, &f).await?);
    }
    if f.has(Module::Events) {
        urls.push((format!("/{}/eventi", f.ente.slug), None));
        let list = app::content::event_repo::slugs(&state.db, f.ente.id).await;
        for (slug, changed) in gate::ok(info, list)? {
            urls.push((
                app::content::model::event_path(&f.ente.slug, &slug),
                Some(changed),
            ));
        }
    }
    if f.has(Module::Consultations) {
        let list = app::consultation::repo::public_slugs(&state.db, f.ente.id).await;
        for (slug, changed) in gate::ok(info, list)? {
            urls.push((
                format!("/{}/consultazioni/{slug}", f.ente.slug),
                Some(changed),
            ));
        }
    }
    Ok(urls)
}

/// The pages of the institutional site below its sections: the kinds of news, the
/// places, Amministrazione's sections with each unit and person, Servizi's
/// categories with each service, each topic, where to book, and the free pages.
async fn site_pages(
    state: &AppState,
    info: &RequestInfo,
    f: &EnteFrame,
) -> Result<Vec<Url>, Response> {
    use app::administration::model::{detail_path, section_path, Section};
    use app::catalogue::model::category_path;
    use app::ente::paths::sections;
    let (slug, id) = (f.ente.slug.as_str(), f.ente.id);
    let mut paths: Vec<String> = app::content::model::NewsKind::ALL
        .into_iter()
        .map(|k| format!("/{slug}/{}", k.path()))
        .chain([format!("/{slug}/luoghi"), sections::booking(slug)])
        .collect();
    for section in Section::ALL {
        paths.push(section_path(slug, section));
        let cards = gate::ok(
            info,
            app::administration::repo::cards(&state.db, id, section).await,
        )?;
        paths.extend(cards.iter().map(|c| detail_path(slug, section, &c.slug)));
    }
    let services = gate::ok(info, app::catalogue::repo::cards(&state.db, id, None).await)?;
    let categories = app::catalogue::model::Category::ALL
        .into_iter()
        .filter(|c| services.iter().any(|s| s.category == *c));
    paths.extend(categories.map(|c| category_path(slug, c)));
    paths.extend(services.iter().map(|s| sections::service(slug, &s.slug)));
    let topics = gate::ok(
        info,
        app::catalogue::repo::topics(&state.db, Lang::It).await,
    )?;
    paths.extend(topics.iter().map(|t| sections::topic(slug, &t.slug)));
    for section in app::content::model::PageSection::ALL {
        let pages = app::content::page_repo::links(&state.db, id, section).await;
        let pages = gate::ok(info, pages)?;
        paths.extend(
            pages
                .iter()
                .map(|p| app::content::model::page_path(slug, &p.slug)),
        );
    }
    Ok(paths.into_iter().map(|p| (p, None)).collect())
}

/// The `n`th 50,000 of an ente's news, newest first.
async fn news(
    state: &AppState,
    info: &RequestInfo,
    ente: &str,
    n: i64,
) -> Result<Vec<Url>, Response> {
    let f = frame(state, info, ente).await?;
    if n > news_sitemaps(state, info, &f).await? {
        return Err(gate::refuse(info, AppError::NotFound));
    }
    let offset = (n - 1) * PER_SITEMAP;
    let rows = app::content::feed_repo::news_slugs(
        &state.db,
        f.ente.id,
        state.clock.now(),
        PER_SITEMAP,
        offset,
    )
    .await;
    Ok(gate::ok(info, rows)?
        .into_iter()
        .map(|(slug, changed)| (format!("/{}/notizie/{slug}", f.ente.slug), Some(changed)))
        .collect())
}

/// `/robots.txt`: everything public may be crawled; the work areas, accounts,
/// members' forums and server functions may not.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /gestione\nDisallow: /account\nDisallow: /admin\n\
         Disallow: /api/\nDisallow: /live\nDisallow: /comunita/*/forum\nAllow: /\n\n\
         Sitemap: {}\n",
        state.link("/sitemap.xml")
    );
    crate::formats::public("text/plain; charset=utf-8", 3600, body)
}
