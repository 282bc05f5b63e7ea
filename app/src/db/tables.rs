//! The list of every application table that backups carry, in foreign-key order,
//! with the SELECT that reads each one (a data table, kept apart from the code that
//! copies them: `portable.rs`). A test fails when a migration adds a table that is
//! not listed here.

/// A table that backups carry, in an order that respects foreign keys.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    /// The whole SELECT of the table, ordered so that referenced rows come first.
    pub(crate) select: &'static str,
    /// Whether the table has an `id` identity column (its sequence is reset on restore).
    pub(crate) has_id: bool,
    /// Whether migrations fill it (reference data such as topics): a restore replaces
    /// those rows instead of requiring the table to be empty.
    pub seeded: bool,
    /// Text columns that may hold mailed links: backups carry them with their tokens
    /// taken out (`text::hide_tokens`), so that a backup opens no account.
    pub(crate) hides_tokens: &'static [&'static str],
}

/// Every application table. A test checks this list against the migrated schema.
pub const TABLES: &[Table] = &[
    Table::with_id(
        "ente",
        "SELECT * FROM ente ORDER BY CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END, id",
    ),
    Table::keyed(
        "ente_module",
        "SELECT * FROM ente_module ORDER BY ente_id, module",
    ),
    Table::with_id("place", "SELECT * FROM place ORDER BY id"),
    Table::with_id("page_feedback", "SELECT * FROM page_feedback ORDER BY id"),
    Table::with_id("account", "SELECT * FROM account ORDER BY id"),
    Table::keyed(
        "external_identity",
        "SELECT * FROM external_identity ORDER BY issuer, subject",
    ),
    Table::with_id("topic", "SELECT * FROM topic ORDER BY id").seeded(),
    Table::with_id("news", "SELECT * FROM news ORDER BY id"),
    Table::with_id("event", "SELECT * FROM event ORDER BY id"),
    Table::keyed(
        "account_topic",
        "SELECT * FROM account_topic ORDER BY account_id, topic_id",
    ),
    Table::keyed(
        "account_ente",
        "SELECT * FROM account_ente ORDER BY account_id, ente_id",
    ),
    Table::with_id(
        "org_unit",
        // Parents first: an office belongs to an area, which belongs to nothing.
        "SELECT * FROM org_unit ORDER BY CASE WHEN parent_id IS NULL THEN 0 WHEN kind = 'office' THEN 2 ELSE 1 END, id",
    ),
    Table::with_id("person", "SELECT * FROM person ORDER BY id"),
    Table::keyed(
        "unit_member",
        "SELECT * FROM unit_member ORDER BY unit_id, person_id",
    ),
    Table::with_id("service", "SELECT * FROM service ORDER BY id"),
    Table::keyed(
        "service_topic",
        "SELECT * FROM service_topic ORDER BY service_id, topic_id",
    ),
    Table::with_id("site_page", "SELECT * FROM site_page ORDER BY id"),
    // Before communities: a community's cover is an upload.
    Table::keyed("file_blob", "SELECT * FROM file_blob ORDER BY sha256"),
    Table::with_id("upload", "SELECT * FROM upload ORDER BY id"),
    Table::keyed("news_image", "SELECT * FROM news_image ORDER BY news_id"),
    Table::keyed("place_image", "SELECT * FROM place_image ORDER BY place_id"),
    Table::with_id("site_entry", "SELECT * FROM site_entry ORDER BY id"),
    Table::keyed(
        "site_entry_version",
        "SELECT * FROM site_entry_version ORDER BY entry_id, number",
    ),
    Table::with_id("journalist", "SELECT * FROM journalist ORDER BY id"),
    Table::keyed(
        "journalist_leave",
        "SELECT * FROM journalist_leave ORDER BY token_hash",
    ),
    Table::keyed(
        "press_mailing",
        "SELECT * FROM press_mailing ORDER BY entry_id",
    ),
    Table::with_id("community", "SELECT * FROM community ORDER BY id"),
    Table::with_id("role_grant", "SELECT * FROM role_grant ORDER BY id"),
    Table::with_id("session", "SELECT * FROM session ORDER BY id"),
    Table::keyed(
        "account_token",
        "SELECT * FROM account_token ORDER BY token_hash",
    ),
    Table::with_id("invitation", "SELECT * FROM invitation ORDER BY id"),
    Table::with_id("outbox", "SELECT * FROM outbox ORDER BY id").hiding_tokens(&["body_text"]),
    Table::with_id("audit_log", "SELECT * FROM audit_log ORDER BY id"),
    Table::keyed(
        "rate_limit",
        "SELECT * FROM rate_limit ORDER BY bucket, window_start",
    ),
    Table::with_id("consultation", "SELECT * FROM consultation ORDER BY id"),
    Table::keyed(
        "consultation_comune",
        "SELECT * FROM consultation_comune ORDER BY consultation_id, ente_id",
    ),
    Table::keyed(
        "consultation_topic",
        "SELECT * FROM consultation_topic ORDER BY consultation_id, topic_id",
    ),
    Table::with_id("response", "SELECT * FROM response ORDER BY id"),
    Table::keyed(
        "response_draft",
        "SELECT * FROM response_draft ORDER BY consultation_id, owner",
    ),
    Table::with_id(
        "consultation_paragraph",
        "SELECT * FROM consultation_paragraph ORDER BY id",
    ),
    Table::with_id(
        "paragraph_comment",
        "SELECT * FROM paragraph_comment ORDER BY id",
    ),
    Table::keyed(
        "comment_support",
        "SELECT * FROM comment_support ORDER BY comment_id, account_id",
    ),
    Table::keyed(
        "comment_report",
        "SELECT * FROM comment_report ORDER BY comment_id, account_id",
    ),
    Table::keyed(
        "consultation_file",
        "SELECT * FROM consultation_file ORDER BY consultation_id, position",
    ),
    Table::with_id("notification", "SELECT * FROM notification ORDER BY id"),
    Table::keyed("site_secret", "SELECT * FROM site_secret ORDER BY name"),
    Table::with_id("forum_category", "SELECT * FROM forum_category ORDER BY id"),
    Table::with_id("forum_thread", "SELECT * FROM forum_thread ORDER BY id"),
    Table::with_id("forum_post", "SELECT * FROM forum_post ORDER BY id"),
    Table::keyed(
        "forum_reaction",
        "SELECT * FROM forum_reaction ORDER BY post_id, account_id, kind",
    ),
    Table::keyed(
        "forum_read",
        "SELECT * FROM forum_read ORDER BY thread_id, account_id",
    ),
    Table::keyed(
        "forum_thread_watch",
        "SELECT * FROM forum_thread_watch ORDER BY thread_id, account_id",
    ),
    Table::keyed(
        "forum_category_watch",
        "SELECT * FROM forum_category_watch ORDER BY category_id, account_id",
    ),
    Table::keyed(
        "forum_flag",
        "SELECT * FROM forum_flag ORDER BY post_id, account_id",
    ),
    Table::with_id(
        "community_restriction",
        "SELECT * FROM community_restriction ORDER BY id",
    ),
    Table::with_id(
        "community_request",
        "SELECT * FROM community_request ORDER BY id",
    ),
    // A folder is made after the folder it is in, so ids keep parents first.
    Table::with_id(
        "community_folder",
        "SELECT * FROM community_folder ORDER BY id",
    ),
    Table::with_id("community_file", "SELECT * FROM community_file ORDER BY id"),
    Table::with_id(
        "community_file_version",
        "SELECT * FROM community_file_version ORDER BY id",
    ),
    Table::keyed(
        "forum_attachment",
        "SELECT * FROM forum_attachment ORDER BY post_id, position",
    ),
    Table::with_id("forum_draft", "SELECT * FROM forum_draft ORDER BY id"),
    Table::keyed(
        "blog_author",
        "SELECT * FROM blog_author ORDER BY community_id, account_id",
    ),
    Table::with_id("blog_post", "SELECT * FROM blog_post ORDER BY id"),
    Table::keyed("blog_tag", "SELECT * FROM blog_tag ORDER BY post_id, tag"),
    Table::with_id("blog_comment", "SELECT * FROM blog_comment ORDER BY id"),
    Table::with_id("social_channel", "SELECT * FROM social_channel ORDER BY id"),
    Table::with_id("editorial_item", "SELECT * FROM editorial_item ORDER BY id"),
    Table::keyed(
        "editorial_text",
        "SELECT * FROM editorial_text ORDER BY item_id, channel_id",
    ),
    Table::with_id("editorial_note", "SELECT * FROM editorial_note ORDER BY id"),
    Table::keyed(
        "editorial_media",
        "SELECT * FROM editorial_media ORDER BY item_id, position",
    ),
    Table::keyed(
        "kpi_mapping",
        "SELECT * FROM kpi_mapping ORDER BY ente_id, platform",
    ),
    Table::with_id("kpi_upload", "SELECT * FROM kpi_upload ORDER BY id"),
    Table::with_id("kpi_import", "SELECT * FROM kpi_import ORDER BY id"),
    Table::keyed(
        "kpi_value",
        "SELECT * FROM kpi_value ORDER BY channel_id, day, metric",
    ),
    Table::keyed(
        "kpi_post",
        "SELECT * FROM kpi_post ORDER BY channel_id, post_key",
    ),
    Table::with_id(
        "social_document",
        "SELECT * FROM social_document ORDER BY id",
    ),
    Table::with_id(
        "social_objective",
        "SELECT * FROM social_objective ORDER BY id",
    ),
    Table::with_id(
        "training_survey",
        "SELECT * FROM training_survey ORDER BY id",
    ),
    Table::keyed(
        "training_answer",
        "SELECT * FROM training_answer ORDER BY survey_id, account_id",
    ),
    // Newsletters: lists, subscribers and their consent, issues and their mails.
    Table::with_id("newsletter_list", "SELECT * FROM newsletter_list ORDER BY id"),
    Table::with_id(
        "newsletter_subscriber",
        "SELECT * FROM newsletter_subscriber ORDER BY id",
    ),
    Table::keyed(
        "newsletter_subscription",
        "SELECT * FROM newsletter_subscription ORDER BY subscriber_id, list_id",
    ),
    Table::with_id(
        "newsletter_consent",
        "SELECT * FROM newsletter_consent ORDER BY id",
    ),
    Table::keyed(
        "newsletter_confirm",
        "SELECT * FROM newsletter_confirm ORDER BY token_hash",
    ),
    Table::with_id("newsletter_issue", "SELECT * FROM newsletter_issue ORDER BY id"),
    Table::with_id(
        "newsletter_delivery",
        "SELECT * FROM newsletter_delivery ORDER BY id",
    ),
    // Live events (ids continue after a restore) and the leases of scheduled work.
    Table::with_id("live_event", "SELECT * FROM live_event ORDER BY id"),
    Table::keyed("task_lease", "SELECT * FROM task_lease ORDER BY name"),
];

impl Table {
    /// A table with an `id` identity column.
    const fn with_id(name: &'static str, select: &'static str) -> Table {
        Table {
            name,
            select,
            has_id: true,
            seeded: false,
            hides_tokens: &[],
        }
    }

    /// Marks a table that migrations fill.
    const fn seeded(self) -> Table {
        Table {
            seeded: true,
            ..self
        }
    }

    /// Marks text columns whose tokens backups leave out.
    const fn hiding_tokens(self, columns: &'static [&'static str]) -> Table {
        Table {
            hides_tokens: columns,
            ..self
        }
    }

    /// A table keyed by other columns.
    const fn keyed(name: &'static str, select: &'static str) -> Table {
        Table {
            name,
            select,
            has_id: false,
            seeded: false,
            hides_tokens: &[],
        }
    }
}

/// Tables of derived data (the search index): rebuilt from the others by a reindex
/// after a restore, never carried by backups.
pub fn is_derived(name: &str) -> bool {
    name.starts_with("search_")
}

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}
