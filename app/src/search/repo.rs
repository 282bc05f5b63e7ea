//! Indexing and searching (server only).

use super::model::{fts5_query, terms, tsquery, DocKind, Hit};
use crate::db::{sql, Db, DbError, Sql, Tx};
use crate::ids::{CommunityId, EnteId};
use chrono::{DateTime, Utc};

/// A document to index (or to replace, by kind and id).
pub struct Doc<'a> {
    pub kind: &'a str,
    pub ref_id: i64,
    pub ente_id: Option<EnteId>,
    /// Set for what only a community's members may find (forum posts).
    pub community_id: Option<CommunityId>,
    pub title: &'a str,
    pub body: &'a str,
    pub url: &'a str,
    pub published_at: DateTime<Utc>,
    /// The slug of its topic in the model's vocabulary, or "".
    pub topic: &'a str,
}

pub async fn index(tx: &mut Tx, d: &Doc<'_>) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO search_document (kind, ref_id, ente_id, community_id, title, body, url, published_at, topic)
             VALUES ($1, $2, $3, $8, $4, $5, $6, $7, $9)
             ON CONFLICT (kind, ref_id) DO UPDATE SET ente_id = excluded.ente_id,
                 community_id = excluded.community_id, title = excluded.title,
                 body = excluded.body, url = excluded.url, published_at = excluded.published_at,
                 topic = excluded.topic")
        .bind(d.kind)
        .bind(d.ref_id)
        .bind(d.ente_id)
        .bind(d.title)
        .bind(d.body)
        .bind(d.url)
        .bind(d.published_at)
        .bind(d.community_id)
        .bind(d.topic),
    )
    .await?;
    Ok(())
}

pub async fn remove(tx: &mut Tx, kind: &str, ref_id: i64) -> Result<(), DbError> {
    tx.execute(
        sql("DELETE FROM search_document WHERE kind = $1 AND ref_id = $2")
            .bind(kind)
            .bind(ref_id),
    )
    .await?;
    Ok(())
}

/// One kind of document written from its table: the INSERT, the SELECT given, and
/// the update of a document already there.
macro_rules! upsert {
    ($select:literal) => {
        concat!(
            "INSERT INTO search_document (kind, ref_id, ente_id, title, body, url, published_at, topic) ",
            $select,
            " ON CONFLICT (kind, ref_id) DO UPDATE SET ente_id = excluded.ente_id, title = excluded.title,
                 body = excluded.body, url = excluded.url, published_at = excluded.published_at,
                 topic = excluded.topic"
        )
    };
}

/// Indexes what an ente's site shows (news, events, places, services, units of the
/// administration, people, free pages) of one ente (or all), from their tables.
pub async fn reindex_content(tx: &mut Tx, ente_id: Option<EnteId>) -> Result<(), DbError> {
    for statement in [
        upsert!(
            "SELECT 'news', n.id, n.ente_id, n.title,
                    CASE WHEN n.body = n.summary THEN n.body ELSE n.summary || ' ' || n.body END,
                    '/' || e.slug || '/notizie/' || n.slug, n.published_at,
                    COALESCE((SELECT t.slug FROM topic t WHERE t.id = n.topic_id), '')
               FROM news n JOIN ente e ON e.id = n.ente_id WHERE ($1 IS NULL OR n.ente_id = $1)"
        ),
        upsert!(
            "SELECT 'event', v.id, v.ente_id, v.title,
                    CASE WHEN v.body = v.summary THEN v.body ELSE v.summary || ' ' || v.body END,
                    '/' || e.slug || '/eventi/' || v.slug, v.created_at,
                    COALESCE((SELECT t.slug FROM topic t WHERE t.id = v.topic_id), '')
               FROM event v JOIN ente e ON e.id = v.ente_id WHERE ($1 IS NULL OR v.ente_id = $1)"
        ),
        upsert!(
            "SELECT 'place', p.id, p.ente_id, p.name, p.kind || ' ' || p.description || ' ' || p.address,
                    '/' || e.slug || '/luoghi#luogo-' || p.slug, p.created_at, ''
               FROM place p JOIN ente e ON e.id = p.ente_id WHERE ($1 IS NULL OR p.ente_id = $1)"
        ),
        upsert!(
            "SELECT 'service', s.id, s.ente_id, s.title,
                    s.summary || ' ' || s.audience || ' ' || s.description || ' ' || s.how_to,
                    '/' || e.slug || '/servizi/' || s.slug, s.created_at,
                    COALESCE((SELECT MIN(t.slug) FROM service_topic st JOIN topic t ON t.id = st.topic_id
                               WHERE st.service_id = s.id), '')
               FROM service s JOIN ente e ON e.id = s.ente_id WHERE ($1 IS NULL OR s.ente_id = $1)"
        ),
        upsert!(
            "SELECT 'unit', u.id, u.ente_id, u.name, u.summary || ' ' || u.body,
                    '/' || e.slug || '/amministrazione/' || CASE u.kind WHEN 'organ' THEN 'organi-di-governo'
                        WHEN 'area' THEN 'aree-amministrative' ELSE 'uffici' END || '/' || u.slug, u.created_at, ''
               FROM org_unit u JOIN ente e ON e.id = u.ente_id WHERE ($1 IS NULL OR u.ente_id = $1)"
        ),
        upsert!(
            "SELECT 'person', p.id, p.ente_id, p.name, p.role || ' ' || p.summary,
                    '/' || e.slug || '/amministrazione/' || CASE p.kind WHEN 'political' THEN 'politici'
                        ELSE 'personale-amministrativo' END || '/' || p.slug, p.created_at, ''
               FROM person p JOIN ente e ON e.id = p.ente_id WHERE ($1 IS NULL OR p.ente_id = $1)"
        ),
        upsert!(
            "SELECT 'page', p.id, p.ente_id, p.title, p.summary || ' ' || p.body,
                    '/' || e.slug || '/pagine/' || p.slug, p.created_at,
                    COALESCE((SELECT t.slug FROM topic t WHERE t.id = p.topic_id), '')
               FROM site_page p JOIN ente e ON e.id = p.ente_id WHERE ($1 IS NULL OR p.ente_id = $1)"
        ),
    ] {
        tx.execute(sql(statement).bind(ente_id)).await?;
    }
    Ok(())
}

/// Indexes every visible forum post (the text as written: Markdown marks are few
/// and harmless to the search engines).
pub async fn reindex_forum(tx: &mut Tx) -> Result<(), DbError> {
    tx.execute(sql(
        "INSERT INTO search_document (kind, ref_id, ente_id, community_id, title, body, url, published_at)
         SELECT 'forum_post', p.id, NULL, t.community_id, t.title, p.body,
                '/comunita/' || c.slug || '/forum/t/' || CAST(t.id AS TEXT) || '?page=' ||
                    CAST((p.number - 1) / 20 + 1 AS TEXT) || '#post-' || CAST(p.number AS TEXT),
                p.created_at
           FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id JOIN community c ON c.id = t.community_id
          WHERE p.state = 'visible'
         ON CONFLICT (kind, ref_id) DO NOTHING",
    ))
    .await?;
    Ok(())
}

/// Where a search looks: the public documents of an ente, or a community's forum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Within {
    Ente(EnteId),
    Community(CommunityId),
}

/// Rebuilds every document (after a restore, or when the index is empty at start).
pub async fn reindex_all(db: &Db) -> Result<(), DbError> {
    let mut tx = db.begin().await?;
    tx.execute(sql("DELETE FROM search_document")).await?;
    reindex_content(&mut tx, None).await?;
    reindex_forum(&mut tx).await?;
    tx.commit().await
}

pub async fn is_empty(db: &Db) -> Result<bool, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(sql("SELECT id FROM search_document LIMIT 1"))
        .await?;
    Ok(row.is_none())
}

/// The published documents of an ente matching every word of `query`, best first.
/// Returns the page of hits and how many there are in all.
pub async fn search(
    db: &Db,
    within: Within,
    query: &str,
    now: DateTime<Utc>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Hit>, i64), DbError> {
    search_kinds(db, within, Filter::default(), query, now, limit, offset).await
}

/// What a search is narrowed to: some kinds (None: every kind) and one topic (""
/// for any).
#[derive(Clone, Copy, Debug, Default)]
pub struct Filter<'a> {
    pub kinds: Option<&'a [DocKind]>,
    pub topic: &'a str,
}

/// Kinds as ",news,place," (or "*": all), matched with LIKE on either database.
fn kinds_text(kinds: Option<&[DocKind]>) -> String {
    kinds.map_or("*".to_string(), |k| {
        format!(
            ",{},",
            k.iter().map(|k| k.code()).collect::<Vec<_>>().join(",")
        )
    })
}

/// A query as the engine reads it, and where it looks.
struct Asked {
    q: String,
    ente_id: Option<EnteId>,
    community_id: Option<CommunityId>,
}

/// The engine's query for `query`'s words (None when it has none), and where.
fn asked(db: &Db, within: Within, query: &str) -> Option<Asked> {
    let words = terms(query);
    if words.is_empty() {
        return None;
    }
    let (ente_id, community_id) = match within {
        Within::Ente(id) => (Some(id), None),
        Within::Community(id) => (None, Some(id)),
    };
    let q = match db.backend() {
        crate::db::Backend::Sqlite => fts5_query(&words),
        crate::db::Backend::Postgres => tsquery(&words),
    };
    Some(Asked {
        q,
        ente_id,
        community_id,
    })
}

/// [`search`] among documents of some kinds only (an ente's site searches only what
/// its modules switched on show), or of every kind, and of one topic or of any.
pub async fn search_kinds(
    db: &Db,
    within: Within,
    filter: Filter<'_>,
    query: &str,
    now: DateTime<Utc>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Hit>, i64), DbError> {
    let kinds = kinds_text(filter.kinds);
    let Some(Asked {
        q,
        ente_id,
        community_id,
    }) = asked(db, within, query)
    else {
        return Ok((Vec::new(), 0));
    };
    let hits = db
        .fetch_all(
            Sql::per_backend(
                "SELECT d.kind, d.title, d.url, snippet(search_fts, 1, char(57344), char(57345), '…', 24) AS excerpt
                   FROM search_fts JOIN search_document d ON d.id = search_fts.rowid
                  WHERE search_fts MATCH $1 AND (d.ente_id = $2 OR d.community_id = $6) AND d.published_at <= $3
                    AND ($7 = '*' OR $7 LIKE '%,' || d.kind || ',%') AND ($8 = '' OR d.topic = $8)
                  ORDER BY bm25(search_fts, 5.0, 1.0), d.published_at DESC LIMIT $4 OFFSET $5",
                "SELECT d.kind, d.title, d.url,
                        ts_headline('italian', d.body, q, 'MaxWords=24, MinWords=12, StartSel=\u{E000}, StopSel=\u{E001}') AS excerpt
                   FROM search_document d, to_tsquery('italian', $1) q
                  WHERE d.tsv @@ q AND (d.ente_id = $2 OR d.community_id = $6) AND d.published_at <= $3
                    AND ($7 = '*' OR $7 LIKE '%,' || d.kind || ',%') AND ($8 = '' OR d.topic = $8)
                  ORDER BY ts_rank(d.tsv, q) DESC, d.published_at DESC LIMIT $4 OFFSET $5",
            )
            .bind(q.as_str())
            .bind(ente_id)
            .bind(now)
            .bind(limit)
            .bind(offset)
            .bind(community_id)
            .bind(kinds.as_str())
            .bind(filter.topic),
        )
        .await?;
    let (total,): (i64,) = db
        .fetch_one(
            Sql::per_backend(
                "SELECT COUNT(*) FROM search_fts JOIN search_document d ON d.id = search_fts.rowid
                  WHERE search_fts MATCH $1 AND (d.ente_id = $2 OR d.community_id = $4) AND d.published_at <= $3
                    AND ($5 = '*' OR $5 LIKE '%,' || d.kind || ',%') AND ($6 = '' OR d.topic = $6)",
                "SELECT COUNT(*) FROM search_document d, to_tsquery('italian', $1) q
                  WHERE d.tsv @@ q AND (d.ente_id = $2 OR d.community_id = $4) AND d.published_at <= $3
                    AND ($5 = '*' OR $5 LIKE '%,' || d.kind || ',%') AND ($6 = '' OR d.topic = $6)",
            )
            .bind(q.as_str())
            .bind(ente_id)
            .bind(now)
            .bind(community_id)
            .bind(kinds.as_str())
            .bind(filter.topic),
        )
        .await?;
    Ok((hits, total))
}

/// How the facets count matches: by kind (within the chosen topic) or by topic
/// (within the chosen kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Kind,
    Topic,
}

/// How many documents match `query`, by kind or by topic (the search page's
/// facets): (kind or topic slug, count); documents without a topic are not counted
/// by topic.
pub async fn counts(
    db: &Db,
    within: Within,
    query: &str,
    now: DateTime<Utc>,
    filter: Filter<'_>,
    by: By,
) -> Result<Vec<(String, i64)>, DbError> {
    let Some(Asked {
        q,
        ente_id,
        community_id,
    }) = asked(db, within, query)
    else {
        return Ok(Vec::new());
    };
    let kinds = match by {
        By::Kind => "*".to_string(),
        By::Topic => kinds_text(filter.kinds),
    };
    let statement = match by {
        By::Kind => Sql::per_backend(
            "SELECT d.kind, COUNT(*) FROM search_fts JOIN search_document d ON d.id = search_fts.rowid
              WHERE search_fts MATCH $1 AND (d.ente_id = $2 OR d.community_id = $4) AND d.published_at <= $3
                AND ($5 = '*' OR $5 LIKE '%,' || d.kind || ',%') AND ($6 = '' OR d.topic = $6)
              GROUP BY d.kind",
            "SELECT d.kind, COUNT(*) FROM search_document d, to_tsquery('italian', $1) q
              WHERE d.tsv @@ q AND (d.ente_id = $2 OR d.community_id = $4) AND d.published_at <= $3
                AND ($5 = '*' OR $5 LIKE '%,' || d.kind || ',%') AND ($6 = '' OR d.topic = $6)
              GROUP BY d.kind",
        ),
        By::Topic => Sql::per_backend(
            "SELECT d.topic, COUNT(*) FROM search_fts JOIN search_document d ON d.id = search_fts.rowid
              WHERE search_fts MATCH $1 AND (d.ente_id = $2 OR d.community_id = $4) AND d.published_at <= $3
                AND ($5 = '*' OR $5 LIKE '%,' || d.kind || ',%') AND d.topic <> ''
              GROUP BY d.topic ORDER BY COUNT(*) DESC, d.topic",
            "SELECT d.topic, COUNT(*) FROM search_document d, to_tsquery('italian', $1) q
              WHERE d.tsv @@ q AND (d.ente_id = $2 OR d.community_id = $4) AND d.published_at <= $3
                AND ($5 = '*' OR $5 LIKE '%,' || d.kind || ',%') AND d.topic <> ''
              GROUP BY d.topic ORDER BY COUNT(*) DESC, d.topic",
        ),
    };
    let statement = statement
        .bind(q.as_str())
        .bind(ente_id)
        .bind(now)
        .bind(community_id)
        .bind(kinds.as_str());
    db.fetch_all(match by {
        By::Kind => statement.bind(filter.topic),
        By::Topic => statement,
    })
    .await
}
