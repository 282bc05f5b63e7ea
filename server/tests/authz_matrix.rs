//! The authorization matrix: every role, and nobody, against every server function
//! (and the plain handlers), on both databases. The expected answers are written
//! here by hand, not derived from the policy, so a server function that forgets to
//! ask the policy, or asks it the wrong question, fails. A server function without
//! a row here fails too: adding one means deciding who may call it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::account::model::Email;
use app::account::repo::{self as accounts, NewAccount, Purpose};
use app::auth::model::{Role, Scope};
use app::auth::session;
use app::db::{sql, Db};
use app::ids::{AccountId, CommunityId, EnteId};
use axum::http::StatusCode;
use common::web::{app, form, Client, PNG};
use std::collections::BTreeSet;

const PASSWORD: &str = "la stessa per tutti";

/// Who walks the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Unverified,
    Citizen,
    LugoOperator,
    LugoAdmin,
    CotignolaAdmin,
    Tutor,
    Member,
    PlatformAdmin,
}

const EVERYONE: [Who; 9] = [
    Who::Anonymous,
    Who::Unverified,
    Who::Citizen,
    Who::LugoOperator,
    Who::LugoAdmin,
    Who::CotignolaAdmin,
    Who::Tutor,
    Who::Member,
    Who::PlatformAdmin,
];
const SIGNED_IN: &[Who] = &[
    Who::Unverified,
    Who::Citizen,
    Who::LugoOperator,
    Who::LugoAdmin,
    Who::CotignolaAdmin,
    Who::Tutor,
    Who::Member,
    Who::PlatformAdmin,
];

/// Nobody signed in, or an account with a confirmed address.
const NOBODY_OR_VERIFIED: &[Who] = &[
    Who::Anonymous,
    Who::Citizen,
    Who::LugoOperator,
    Who::LugoAdmin,
    Who::CotignolaAdmin,
    Who::Tutor,
    Who::Member,
    Who::PlatformAdmin,
];

/// Everyone with a verified account.
const VERIFIED: &[Who] = NOBODY_OR_VERIFIED.split_at(1).1;

/// Who enters the matrix community's forum and writes in it.
const READERS: &[Who] = &[Who::Tutor, Who::Member, Who::PlatformAdmin];
/// Who moderates it.
const TUTORS: &[Who] = &[Who::Tutor, Who::PlatformAdmin];
/// Lugo's site team here: its admin and platform admins (the operator of the matrix
/// works in social media, not on the site).
const SITE: &[Who] = &[Who::LugoAdmin, Who::PlatformAdmin];
/// Lugo's social-media team: its operator, its admin, and platform admins.
const SOCIAL: &[Who] = &[Who::LugoOperator, Who::LugoAdmin, Who::PlatformAdmin];
/// Who may create a community somewhere: of the platform (tutors, platform admins)
/// or of their ente (ente admins).
const CREATORS: &[Who] = &[
    Who::LugoAdmin,
    Who::CotignolaAdmin,
    Who::Tutor,
    Who::PlatformAdmin,
];

/// What a call needs besides its fixed fields.
#[derive(Clone, Copy, Debug)]
enum Needs {
    Nothing,
    /// A fresh address to register.
    NewEmail,
    /// A valid verification link of another account.
    VerifyToken,
    /// A valid reset link of another account.
    ResetToken,
    /// A pending invitation's link (Urp in Lugo).
    InvitationToken,
    /// A pending invitation's id (Urp in Lugo).
    InvitationId,
    /// A role grant of someone else (Urp in Lugo).
    GrantId,
    /// A fresh draft consultation of Lugo with one yes/no question `q1`, and an empty
    /// second section (its `slug`).
    Draft,
    /// A fresh consultation of Lugo open to verified accounts (its `slug`).
    OpenConsultation,
    /// An open consultation with a text of one paragraph (`slug`, `paragraph`).
    Paragraph,
    /// …and a comment on it by someone else (`slug`, `comment`).
    Comment,
    /// A draft of Lugo with a document attached (`slug`, `token`).
    File,
    /// A thread of the matrix community by someone else (`thread`, `category`).
    ForumThread,
    /// …the thread alone (`thread`).
    ForumThreadAlone,
    /// …its opening post (`post`).
    ForumPost,
    /// Two such threads: the first to merge into the second (`thread`, `into`).
    ForumTwoThreads,
    /// …a reply to it by someone else (`post`).
    ForumReply,
    /// A name no category has yet (`name`).
    NewName,
    /// A member of the community (`account`).
    ForumMember,
    /// A silence in force on a member (`restriction`).
    ForumRestriction,
    /// A pending request to join the matrix community (`request`).
    JoinRequest,
    /// A document in the matrix community's files (`id`).
    Document,
    /// A published post of the matrix community's blog (`post`).
    BlogPost,
    /// …and a comment on it (`post`, `id`).
    BlogComment,
    /// A title no post has yet (`title`).
    BlogTitle,
    /// An active channel of Lugo (`texts[<id>]` with a text that fits, `id` of the channel).
    SocialChannel,
    /// A name no channel of Lugo has yet (`name`).
    ChannelName,
    /// An item of Lugo's plan in review, by someone else, on one channel (`id`).
    EditorialItem,
    /// A published news item of Lugo, with an active channel to post it on (`source`).
    NewsItem,
    /// A draft entry of Lugo's site editor (a news item) by someone else (`id`).
    SiteEntry,
    /// A news item of Lugo's site that no entry holds yet (`slug`).
    LiveNews,
    /// A fresh journalist on Lugo's press list (`id`).
    Journalist,
    /// The link of a fresh journalist of Lugo to leave the list (`token`).
    LeaveToken,
    /// An address no journalist of Lugo has (`email`).
    NewPressEmail,
    /// An active channel of Lugo (`channel`).
    ChannelId,
    /// A CSV uploaded for a channel of Lugo, waiting for its mapping (`token`).
    KpiUpload,
    /// A text no version of Lugo's strategy has (`sections[body]`).
    StrategyText,
    /// A version of Lugo's external policy (`version`).
    PolicyVersion,
    /// …put online.
    PublishedPolicy,
    /// A training-needs survey of Lugo (nothing).
    TrainingSurvey,
    /// A draft item of Lugo with one image (`id`).
    EditorialImage,
    /// A fresh address and Lugo's general list (`email`, `liste[]`).
    NewsletterAsk,
    /// A fresh confirmation link of Lugo (`token`).
    NewsletterConfirm,
    /// A fresh subscriber's preferences link and Lugo's general list (`token`, `liste[]`).
    NewsletterPreferences,
    /// A fresh subscriber's link to leave Lugo's general list (`token`).
    NewsletterLeave,
    /// Lugo's general list (`lista`).
    NewsletterList,
    /// A name no list of Lugo has (`nome`).
    NewsletterListName,
    /// A fresh draft issue of Lugo (`id`).
    NewsletterDraft,
}

struct Row {
    endpoint: &'static str,
    fields: &'static [(&'static str, &'static str)],
    needs: Needs,
    allowed: &'static [Who],
}

const ROWS: &[Row] = &[
    Row {
        endpoint: "ente/list",
        fields: &[],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "ente/home",
        fields: &[("slug", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "content/news",
        fields: &[("ente", "lugo"), ("slug", "consulta-giovani")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "content/page",
        fields: &[("ente", "lugo"), ("slug", "storia-di-lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "content/news-list",
        fields: &[("ente", "lugo"), ("tipo", "comunicati")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "content/novita",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "content/live",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "administration/home",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "administration/section",
        fields: &[("ente", "lugo"), ("sezione", "uffici")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "administration/detail",
        fields: &[
            ("ente", "lugo"),
            ("sezione", "politici"),
            ("slug", "elena-martini"),
        ],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "catalogue/services",
        fields: &[("ente", "lugo"), ("categoria", "")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "catalogue/service",
        fields: &[("ente", "lugo"), ("slug", "cambio-residenza")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "feedback/rate",
        fields: &[
            ("ente", "lugo"),
            ("pagina", "/lugo/servizi"),
            ("voto", "4"),
            ("positivo", "chiare"),
        ],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "site-editor/home",
        fields: &[("ente", "lugo"), ("kind", "eventi")],
        needs: Needs::Nothing,
        allowed: SITE,
    },
    Row {
        endpoint: "site-editor/entry",
        fields: &[("ente", "lugo"), ("kind", "notizie")],
        needs: Needs::SiteEntry,
        allowed: SITE,
    },
    Row {
        endpoint: "site-editor/save",
        fields: &[
            ("ente", "lugo"),
            ("kind", "luoghi"),
            ("f[title]", "Biblioteca Trisi"),
            ("f[place_kind]", "Biblioteca"),
            ("f[address]", "Piazza Trisi 19, Lugo"),
            ("f[lat]", "44.4207"),
            ("f[lon]", "11.9101"),
        ],
        needs: Needs::Nothing,
        allowed: SITE,
    },
    Row {
        endpoint: "site-editor/step",
        fields: &[("ente", "lugo"), ("step", "publish"), ("version", "1")],
        needs: Needs::SiteEntry,
        allowed: SITE,
    },
    Row {
        endpoint: "site-editor/open",
        fields: &[("ente", "lugo"), ("kind", "notizie")],
        needs: Needs::LiveNews,
        allowed: SITE,
    },
    Row {
        endpoint: "site-editor/remove-image",
        fields: &[("ente", "lugo")],
        needs: Needs::SiteEntry,
        allowed: SITE,
    },
    Row {
        endpoint: "site-editor/review",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: SITE,
    },
    Row {
        endpoint: "account/follow-ente",
        fields: &[("ente", "lugo"), ("on", "1")],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "site/inefficiency",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "site/report-inefficiency",
        fields: &[
            ("ente", "lugo"),
            ("categoria", "illuminazione"),
            ("luogo", "Via Mazzini 12"),
            (
                "descrizione",
                "Il lampione davanti al civico 12 è spento da una settimana.",
            ),
            ("email", "chi@scrive.it"),
            ("privacy", "1"),
        ],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "press/desk",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: SITE,
    },
    Row {
        endpoint: "press/add",
        fields: &[
            ("ente", "lugo"),
            ("name", "Luca Neri"),
            ("outlet", "Radio Lugo"),
            ("consented", "1"),
        ],
        needs: Needs::NewPressEmail,
        allowed: SITE,
    },
    Row {
        endpoint: "press/remove",
        fields: &[("ente", "lugo")],
        needs: Needs::Journalist,
        allowed: SITE,
    },
    Row {
        endpoint: "press/contact",
        fields: &[
            ("ente", "lugo"),
            ("press_contact", "Ufficio stampa"),
            ("press_email", "stampa@test.it"),
            ("press_phone", "0545 1"),
        ],
        needs: Needs::Nothing,
        allowed: SITE,
    },
    Row {
        endpoint: "press/kit",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "press/leave",
        fields: &[("ente", "lugo")],
        needs: Needs::LeaveToken,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "newsletter/page",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "newsletter/subscribe",
        fields: &[("ente", "lugo"), ("consenso", "1")],
        needs: Needs::NewsletterAsk,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "newsletter/confirm",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterConfirm,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "newsletter/preferences",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterPreferences,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "newsletter/choose",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterPreferences,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "newsletter/leave",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterLeave,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "newsletter/mine",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "newsletter/desk",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: SITE,
    },
    Row {
        endpoint: "newsletter/issue",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterDraft,
        allowed: SITE,
    },
    Row {
        endpoint: "newsletter/progress",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterDraft,
        allowed: SITE,
    },
    Row {
        endpoint: "newsletter/add-list",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterListName,
        allowed: SITE,
    },
    Row {
        endpoint: "newsletter/compose",
        fields: &[
            ("ente", "lugo"),
            ("oggetto", "Le novità"),
            ("testo", "Un testo"),
            ("quando", "bozza"),
        ],
        needs: Needs::NewsletterList,
        allowed: SITE,
    },
    Row {
        endpoint: "newsletter/send",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterDraft,
        allowed: SITE,
    },
    Row {
        endpoint: "newsletter/test",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsletterDraft,
        allowed: SITE,
    },
    Row {
        endpoint: "feedback/results",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "site/topics",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "site/topic",
        fields: &[("ente", "lugo"), ("slug", "anagrafe")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "content/agenda",
        fields: &[
            ("ente", "bassa-romagna"),
            ("vista", "mese"),
            ("data", ""),
            ("categoria", "mercato"),
            ("argomento", ""),
            ("comune", "lugo"),
        ],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "content/event",
        fields: &[("ente", "lugo"), ("slug", "mercato-pavaglione")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "content/places",
        fields: &[("ente", "lugo"), ("tipo", ""), ("q", "")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "ente/frame",
        fields: &[("slug", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "search/ente",
        fields: &[("ente", "lugo"), ("q", "mercato")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "account/me",
        fields: &[],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "account/register",
        fields: &[
            ("name", "Nuova Persona"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("privacy", "si"),
        ],
        needs: Needs::NewEmail,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "account/verify",
        fields: &[],
        needs: Needs::VerifyToken,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "account/resend-verification",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "account/login",
        fields: &[("email", "bersaglio@test.it"), ("password", PASSWORD)],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "account/logout",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "account/logout-everywhere",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "account/forgot",
        fields: &[("email", "bersaglio@test.it")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "account/reset",
        fields: &[
            ("password", "una nuova password"),
            ("password_confirm", "una nuova password"),
        ],
        needs: Needs::ResetToken,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "account/link-state",
        fields: &[("token", "qualsiasi"), ("reset", "false")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "account/page",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "account/profile",
        fields: &[
            ("name", "Nome Nuovo"),
            ("language", "it"),
            ("residence", ""),
            ("birth_year", ""),
            ("fiscal_code", ""),
        ],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "account/password",
        fields: &[
            ("current_password", PASSWORD),
            ("password", "una nuova password"),
            ("password_confirm", "una nuova password"),
        ],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "account/delete",
        fields: &[("password", PASSWORD)],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "team/page",
        fields: &[("scope", "ente:lugo")],
        needs: Needs::Nothing,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "team/page",
        fields: &[("scope", "comunita:comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: &[Who::Tutor, Who::PlatformAdmin],
    },
    Row {
        endpoint: "team/invite",
        fields: &[
            ("scope", "ente:lugo"),
            ("email", "nuovo@test.it"),
            ("role", "urp"),
            ("message", ""),
        ],
        needs: Needs::Nothing,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "team/invite",
        fields: &[
            ("scope", "ente:lugo"),
            ("email", "nuovo@test.it"),
            ("role", "ente_admin"),
            ("message", ""),
        ],
        needs: Needs::Nothing,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "team/invite",
        fields: &[
            ("scope", "piattaforma"),
            ("email", "nuovo@test.it"),
            ("role", "platform_admin"),
            ("message", ""),
        ],
        needs: Needs::Nothing,
        allowed: &[Who::PlatformAdmin],
    },
    Row {
        endpoint: "team/invite",
        fields: &[
            ("scope", "comunita:comunicatori-2026"),
            ("email", "nuovo@test.it"),
            ("role", "community_member"),
            ("message", ""),
        ],
        needs: Needs::Nothing,
        allowed: &[Who::Tutor, Who::PlatformAdmin],
    },
    Row {
        endpoint: "team/invite",
        fields: &[
            ("scope", "comunita:comunicatori-2026"),
            ("email", "nuovo@test.it"),
            ("role", "community_tutor"),
            ("message", ""),
        ],
        needs: Needs::Nothing,
        allowed: &[Who::PlatformAdmin],
    },
    Row {
        endpoint: "team/revoke-invitation",
        fields: &[],
        needs: Needs::InvitationId,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "team/revoke-role",
        fields: &[],
        needs: Needs::GrantId,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "invitation/show",
        fields: &[],
        needs: Needs::InvitationToken,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "invitation/accept",
        fields: &[
            ("name", "Nuova Persona"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("privacy", "si"),
        ],
        needs: Needs::InvitationToken,
        // Each person accepts an invitation sent to their own address (see below);
        // signed in, the address must be confirmed.
        allowed: NOBODY_OR_VERIFIED,
    },
    Row {
        endpoint: "work/area",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "work/dashboard",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &[Who::LugoOperator, Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "work/community",
        fields: &[("slug", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: &[Who::Tutor, Who::Member, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/admin-list",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/create",
        fields: &[("ente", "lugo"), ("title", "Una nuova consultazione")],
        needs: Needs::Nothing,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/admin",
        fields: &[("ente", "lugo")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/details",
        fields: &[
            ("ente", "lugo"),
            ("title", "Prova"),
            ("summary", ""),
            ("body", ""),
            ("opens", "2026-12-01T09:00"),
            ("closes", "2026-12-31T18:00"),
            ("participation", "verified"),
        ],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/add-question",
        fields: &[("ente", "lugo"), ("section", "0"), ("kind", "rating")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/save-question",
        fields: &[
            ("ente", "lugo"),
            ("question", "q1"),
            ("label", "Ti piace davvero?"),
            ("help", ""),
        ],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/move-question",
        fields: &[("ente", "lugo"), ("question", "q1"), ("direction", "giu")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/delete-question",
        fields: &[("ente", "lugo"), ("question", "q1")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/add-section",
        fields: &[("ente", "lugo"), ("title", "Altro")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/save-section",
        fields: &[
            ("ente", "lugo"),
            ("section", "0"),
            ("title", "Prima parte"),
            ("description", ""),
        ],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/delete-section",
        fields: &[("ente", "lugo"), ("section", "1")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/phase",
        fields: &[("ente", "lugo"), ("to", "publish")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/results",
        fields: &[("ente", "lugo")],
        needs: Needs::OpenConsultation,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/count",
        fields: &[("ente", "lugo")],
        needs: Needs::OpenConsultation,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/list",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "consult/show",
        fields: &[("ente", "lugo")],
        needs: Needs::OpenConsultation,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "consult/answer",
        fields: &[("ente", "lugo"), ("answers[q1]", "si")],
        needs: Needs::OpenConsultation,
        allowed: VERIFIED,
    },
    Row {
        endpoint: "consult/draft",
        fields: &[("ente", "lugo"), ("answers[q1]", "no")],
        needs: Needs::OpenConsultation,
        allowed: VERIFIED,
    },
    Row {
        endpoint: "consult/remove-file",
        fields: &[("ente", "lugo")],
        needs: Needs::File,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/moderation",
        fields: &[("ente", "lugo")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/text",
        fields: &[("ente", "lugo"), ("text", "# Art. 1\nIl testo.")],
        needs: Needs::Draft,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/reply",
        fields: &[
            ("ente", "lugo"),
            ("status", "accepted"),
            ("reply", "Accolto."),
        ],
        needs: Needs::Comment,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/hide",
        fields: &[
            ("ente", "lugo"),
            ("to", "nascondi"),
            ("reason", "Pubblicità"),
        ],
        needs: Needs::Comment,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "consult/comment",
        fields: &[("ente", "lugo"), ("body", "Propongo più alberi.")],
        needs: Needs::Paragraph,
        allowed: VERIFIED,
    },
    Row {
        endpoint: "consult/support",
        fields: &[("ente", "lugo")],
        needs: Needs::Comment,
        allowed: VERIFIED,
    },
    Row {
        endpoint: "consult/report",
        fields: &[("ente", "lugo"), ("reason", "spam")],
        needs: Needs::Comment,
        allowed: VERIFIED,
    },
    Row {
        endpoint: "notify/unread",
        fields: &[],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "notify/list",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "notify/read-all",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "forum/index",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/category",
        fields: &[("community", "comunicatori-2026"), ("category", "generale")],
        needs: Needs::Nothing,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/thread",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::ForumThread,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/search",
        fields: &[("community", "comunicatori-2026"), ("q", "politica")],
        needs: Needs::Nothing,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/watch",
        fields: &[
            ("community", "comunicatori-2026"),
            ("to", "segui"),
            ("back", "/"),
        ],
        needs: Needs::ForumThreadAlone,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/new-thread",
        fields: &[
            ("community", "comunicatori-2026"),
            ("title", "Una nuova discussione"),
            ("body", "Il testo del messaggio."),
        ],
        needs: Needs::ForumThread,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/reply",
        fields: &[
            ("community", "comunicatori-2026"),
            ("body", "Una risposta."),
        ],
        needs: Needs::ForumThread,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/react",
        fields: &[("community", "comunicatori-2026"), ("kind", "like")],
        needs: Needs::ForumPost,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/flag",
        fields: &[("community", "comunicatori-2026"), ("reason", "spam")],
        needs: Needs::ForumPost,
        allowed: READERS,
    },
    Row {
        endpoint: "forum/solve",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::ForumReply,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/queue",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/new-category",
        fields: &[
            ("community", "comunicatori-2026"),
            ("description", "Per tutti"),
        ],
        needs: Needs::NewName,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/thread-state",
        fields: &[("community", "comunicatori-2026"), ("pinned", "on")],
        needs: Needs::ForumThread,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/split",
        fields: &[
            ("community", "comunicatori-2026"),
            ("posts", "2"),
            ("title", "Una risposta diventa discussione"),
        ],
        needs: Needs::ForumThread,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/merge",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::ForumTwoThreads,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/decide",
        fields: &[("community", "comunicatori-2026"), ("decision", "approva")],
        needs: Needs::ForumPost,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/edit",
        fields: &[
            ("community", "comunicatori-2026"),
            ("body", "Testo corretto."),
            ("note", "Corretto un refuso"),
        ],
        needs: Needs::ForumPost,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/restrict",
        fields: &[
            ("community", "comunicatori-2026"),
            ("kind", "warning"),
            ("reason", "Toni da rivedere"),
        ],
        needs: Needs::ForumMember,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/lift",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::ForumRestriction,
        allowed: TUTORS,
    },
    Row {
        endpoint: "community/directory",
        fields: &[],
        needs: Needs::Nothing,
        allowed: SIGNED_IN,
    },
    Row {
        endpoint: "community/new",
        fields: &[],
        needs: Needs::Nothing,
        allowed: CREATORS,
    },
    Row {
        endpoint: "community/create",
        fields: &[
            ("runner", ""),
            ("visibility", "open"),
            ("description", ""),
            ("slug", ""),
        ],
        needs: Needs::NewName,
        allowed: TUTORS,
    },
    Row {
        endpoint: "community/create",
        fields: &[
            ("runner", "lugo"),
            ("visibility", "invitation"),
            ("description", ""),
            ("slug", ""),
        ],
        needs: Needs::NewName,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "community/ask",
        fields: &[
            ("community", "aperta-matrice"),
            ("message", "Vorrei partecipare"),
        ],
        needs: Needs::Nothing,
        allowed: VERIFIED,
    },
    Row {
        endpoint: "community/members",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: READERS,
    },
    Row {
        endpoint: "community/decide",
        fields: &[("community", "comunicatori-2026"), ("decision", "approve")],
        needs: Needs::JoinRequest,
        allowed: TUTORS,
    },
    Row {
        endpoint: "community/health",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: TUTORS,
    },
    Row {
        endpoint: "community/settings",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: TUTORS,
    },
    Row {
        endpoint: "community/save-settings",
        fields: &[
            ("community", "comunicatori-2026"),
            ("description", "La community dei comunicatori"),
            ("visibility", "invitation"),
            ("flag_threshold", "3"),
            ("approve_first_posts", "0"),
        ],
        needs: Needs::Nothing,
        allowed: TUTORS,
    },
    Row {
        endpoint: "files/page",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: READERS,
    },
    Row {
        endpoint: "files/document",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Document,
        allowed: READERS,
    },
    Row {
        endpoint: "files/new-folder",
        fields: &[("community", "comunicatori-2026"), ("parent", "")],
        needs: Needs::NewName,
        allowed: TUTORS,
    },
    Row {
        endpoint: "files/delete",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Document,
        allowed: TUTORS,
    },
    Row {
        endpoint: "blog/index",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "blog/post",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::BlogPost,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "blog/editor",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::Nothing,
        allowed: TUTORS,
    },
    Row {
        endpoint: "blog/save",
        fields: &[
            ("community", "comunicatori-2026"),
            ("summary", ""),
            ("body", "Il testo dell'articolo, abbastanza lungo."),
            ("tags", "prova"),
            ("publish", "on"),
        ],
        needs: Needs::BlogTitle,
        allowed: TUTORS,
    },
    Row {
        endpoint: "blog/comment",
        fields: &[("community", "comunicatori-2026"), ("body", "Un commento")],
        needs: Needs::BlogPost,
        allowed: READERS,
    },
    Row {
        endpoint: "blog/hide-comment",
        fields: &[("community", "comunicatori-2026")],
        needs: Needs::BlogComment,
        allowed: TUTORS,
    },
    Row {
        endpoint: "blog/author",
        fields: &[("community", "comunicatori-2026"), ("on", "on")],
        needs: Needs::ForumMember,
        allowed: TUTORS,
    },
    Row {
        endpoint: "forum/save-draft",
        fields: &[
            ("community", "comunicatori-2026"),
            ("body", "Una bozza"),
            ("seen", "0"),
        ],
        needs: Needs::ForumThreadAlone,
        allowed: READERS,
    },
    Row {
        endpoint: "social/home",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/plan",
        fields: &[
            ("ente", "lugo"),
            ("view", "mese"),
            ("day", ""),
            ("channel", ""),
            ("state", ""),
        ],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/item",
        fields: &[("ente", "lugo")],
        needs: Needs::EditorialItem,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/save-item",
        fields: &[
            ("ente", "lugo"),
            ("title", "Un contenuto"),
            ("planned", "2027-03-02T10:00"),
        ],
        needs: Needs::SocialChannel,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/step",
        fields: &[("ente", "lugo"), ("step", "approve")],
        needs: Needs::EditorialItem,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/comment",
        fields: &[("ente", "lugo"), ("body", "Un commento")],
        needs: Needs::EditorialItem,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/remove-image",
        fields: &[("ente", "lugo"), ("position", "1")],
        needs: Needs::EditorialImage,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/move",
        fields: &[("ente", "lugo"), ("day", "2027-03-09")],
        needs: Needs::EditorialItem,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/from-content",
        fields: &[("ente", "lugo")],
        needs: Needs::NewsItem,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/channels",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/save-channel",
        fields: &[("ente", "lugo"), ("platform", "facebook"), ("active", "1")],
        needs: Needs::ChannelName,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/kpi",
        fields: &[("ente", "lugo"), ("channel", ""), ("refused", "")],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/kpi-import-page",
        fields: &[("ente", "lugo")],
        needs: Needs::KpiUpload,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/kpi-import",
        fields: &[
            ("ente", "lugo"),
            ("date", "Data"),
            ("followers[]", "Follower"),
        ],
        needs: Needs::KpiUpload,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/kpi-entry",
        fields: &[
            ("ente", "lugo"),
            ("day", "2026-11-01"),
            ("followers", "120"),
        ],
        needs: Needs::ChannelId,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/kpi-report",
        fields: &[("ente", "lugo"), ("month", "")],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/strategy",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/save-doc",
        fields: &[("ente", "lugo"), ("kind", "strategy"), ("note", "prova")],
        needs: Needs::StrategyText,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/save-objective",
        fields: &[
            ("ente", "lugo"),
            ("title", "Un obiettivo"),
            ("goal", "followers"),
            ("target", "1000"),
            ("deadline", "2027-06-30"),
            ("active", "1"),
        ],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/policy",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/publish-policy",
        fields: &[("ente", "lugo")],
        needs: Needs::PolicyVersion,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/public-policy",
        fields: &[("ente", "lugo")],
        needs: Needs::PublishedPolicy,
        allowed: &EVERYONE,
    },
    Row {
        endpoint: "social/training",
        fields: &[("ente", "lugo")],
        needs: Needs::Nothing,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/training-start",
        fields: &[("ente", "cotignola")],
        needs: Needs::Nothing,
        allowed: &[Who::CotignolaAdmin, Who::PlatformAdmin],
    },
    Row {
        endpoint: "social/training-answer",
        fields: &[
            ("ente", "lugo"),
            ("answers[q1__s1]", "l1"),
            ("answers[q1__s2]", "l1"),
            ("answers[q1__s3]", "l2"),
            ("answers[q1__s4]", "l2"),
            ("answers[q1__s5]", "l3"),
            ("answers[q1__s6]", "l3"),
            ("answers[q1__s7]", "l4"),
            ("answers[q1__s8]", "l4"),
            ("answers[q1__s9]", "l0"),
            ("answers[q1__s10]", "l0"),
            ("answers[q2]", "f1"),
        ],
        needs: Needs::TrainingSurvey,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "social/training-required",
        fields: &[("ente", "lugo"), ("levels[s1]", "l2")],
        needs: Needs::TrainingSurvey,
        allowed: SOCIAL,
    },
    Row {
        endpoint: "admin/outbox",
        fields: &[],
        needs: Needs::Nothing,
        allowed: &[Who::PlatformAdmin],
    },
    Row {
        endpoint: "admin/audit",
        fields: &[("filter[page]", "1")],
        needs: Needs::Nothing,
        allowed: &[Who::PlatformAdmin],
    },
    Row {
        endpoint: "admin/audit",
        fields: &[("filter[ente]", "lugo")],
        needs: Needs::Nothing,
        allowed: &[Who::LugoAdmin, Who::PlatformAdmin],
    },
];

struct World {
    db: Db,
    hash: String,
    lugo: EnteId,
    cotignola: EnteId,
    community: CommunityId,
    serial: std::sync::atomic::AtomicUsize,
}

impl World {
    fn next(&self) -> usize {
        self.serial
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    }

    async fn account(&self, label: &str, verified: bool) -> (AccountId, String) {
        let email = format!("{label}-{}@test.it", self.next());
        let mut tx = self.db.begin().await.unwrap();
        let parsed = Email::parse(&email).unwrap();
        let new = NewAccount {
            email: &parsed,
            name: label,
            password_hash: Some(&self.hash),
            language: "it",
            verified,
            privacy_accepted: true,
        };
        let id = accounts::create(&mut tx, new, chrono::Utc::now())
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        (id, email)
    }

    async fn grant(&self, account: AccountId, role: Role, scope: Scope) {
        let mut tx = self.db.begin().await.unwrap();
        accounts::grant(&mut tx, account, role, scope, None, chrono::Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    /// A signed-in browser for `who` (no cookie for the anonymous).
    async fn client(&self, app: &axum::Router, who: Who) -> Client {
        let mut client = Client::new(
            app,
            &format!("10.{}.{}.{}", self.next() % 250, who as u8, 1),
        );
        if who == Who::Anonymous {
            return client;
        }
        let (id, _) = self
            .account(&format!("{who:?}").to_lowercase(), who != Who::Unverified)
            .await;
        let community = Scope::Community {
            id: self.community,
            ente: None,
        };
        match who {
            Who::LugoOperator => {
                self.grant(id, Role::SocialMedia, Scope::Ente(self.lugo))
                    .await
            }
            Who::LugoAdmin => {
                self.grant(id, Role::EnteAdmin, Scope::Ente(self.lugo))
                    .await
            }
            Who::CotignolaAdmin => {
                self.grant(id, Role::EnteAdmin, Scope::Ente(self.cotignola))
                    .await
            }
            Who::Tutor => self.grant(id, Role::CommunityTutor, community).await,
            Who::Member => self.grant(id, Role::CommunityMember, community).await,
            Who::PlatformAdmin => self.grant(id, Role::PlatformAdmin, Scope::Platform).await,
            _ => {}
        }
        let mut tx = self.db.begin().await.unwrap();
        let token = session::start(&mut tx, id, "10.0.0.1", "matrix", chrono::Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        client.cookies.insert(session::COOKIE.into(), token);
        client
    }

    /// A thread in the matrix community's category `generale` by a member of it, with
    /// a reply by another: (thread, category, opening post, reply).
    /// A draft of Lugo's plan on a new channel, by a new author: (item, author).
    async fn editorial_item(&self, title: &str) -> (i64, AccountId) {
        use app::social::plan::repo;
        let now = chrono::Utc::now();
        let channel = self.channel().await;
        let (author, _) = self.account("redattore", true).await;
        let texts = vec![(channel, "Un testo del piano.".to_string())];
        let input = repo::ItemInput {
            title,
            campaign: "",
            media: "",
            planned_at: now + chrono::Duration::days(3),
            due_on: None,
            texts: &texts,
        };
        let mut tx = self.db.begin().await.unwrap();
        let id = repo::insert_item(&mut tx, self.lugo, author, &input, None, ("", None), now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        (id, author)
    }

    /// A news item of Lugo's site, published yesterday: (id, slug).
    async fn news(&self, prefix: &str) -> (i64, String) {
        let slug = format!("{prefix}-{}", self.next());
        let news = app::content::repo::NewNews {
            slug: &slug,
            title: "Una notizia",
            summary: "Il sommario",
            body: "Il testo",
            topic: "Sport",
            kind: app::content::model::NewsKind::News,
            published_at: chrono::Utc::now() - chrono::Duration::days(1),
        };
        let mut tx = self.db.begin().await.unwrap();
        app::content::repo::ensure_news(&mut tx, self.lugo, &news)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let (id,): (i64,) = self
            .db
            .fetch_one(sql("SELECT id FROM news WHERE slug = $1").bind(slug.as_str()))
            .await
            .unwrap();
        (id, slug)
    }

    /// A draft news item in Lugo's site editor, by a new author: its id.
    /// A fresh journalist of Lugo: their id, and a link's token to leave the list.
    async fn newsletter(&self, needs: Needs) -> Vec<(String, String)> {
        use common::newsletter as nl;
        let (db, lugo) = (&self.db, self.lugo);
        let email = format!("iscritta-{}@test.it", self.next());
        let list = nl::general_list(db, lugo).await.to_string();
        let pair = |k: &str, v: String| (k.to_string(), v);
        match needs {
            Needs::NewsletterAsk => vec![pair("email", email), pair("liste[]", list)],
            Needs::NewsletterConfirm => {
                vec![pair("token", nl::confirm_token(db, lugo, &email).await)]
            }
            Needs::NewsletterPreferences => {
                let id = nl::subscriber(db, lugo, &email).await;
                vec![
                    pair("token", nl::preferences_token(db, id).await),
                    pair("liste[]", list),
                ]
            }
            Needs::NewsletterLeave => {
                let id = nl::subscriber(db, lugo, &email).await;
                let list = list.parse().unwrap();
                vec![pair("token", nl::leave_token(db, id, list).await)]
            }
            Needs::NewsletterList => vec![pair("lista", list)],
            Needs::NewsletterListName => vec![pair("nome", format!("Lista {}", self.next()))],
            _ => {
                let (author, _) = self.account("redattrice", true).await;
                vec![pair("id", nl::draft(db, lugo, author).await.to_string())]
            }
        }
    }

    async fn journalist(&self) -> (i64, String) {
        let email = format!("giornalista-{}@test.it", self.next());
        let j = app::press::repo::NewJournalist {
            name: "Una giornalista",
            outlet: "La Gazzetta",
            beat: "",
            email: &email,
            consent: "email",
        };
        let (token, digest) = app::auth::token::new_token();
        let now = chrono::Utc::now();
        let mut tx = self.db.begin().await.unwrap();
        let id = app::press::repo::add(&mut tx, self.lugo, &j, None, now)
            .await
            .unwrap()
            .unwrap();
        app::press::repo::add_leave(&mut tx, id, &digest, now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        (id, token)
    }

    async fn site_entry(&self) -> i64 {
        use app::editor::{model::*, repo};
        let (author, _) = self.account("redattrice", true).await;
        let slug = format!("bozza-{}", self.next());
        let fields = r#"{"news_kind":"notizia","title":"Una bozza","summary":"Breve","body":"Il testo","topic":"sport"}"#;
        let entry = repo::NewEntry {
            ente: self.lugo,
            kind: EntryKind::News,
            slug: &slug,
            title: "Una bozza",
            fields,
            state: EntryState::Draft,
            live_id: None,
            publish_at: None,
            expires_at: None,
            by: author,
        };
        let mut tx = self.db.begin().await.unwrap();
        let id = repo::insert(&mut tx, &entry, chrono::Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A new active Facebook channel of Lugo.
    async fn channel(&self) -> i64 {
        let name = format!("Facebook {}", self.next());
        let input = app::social::plan::channel_repo::ChannelInput {
            platform: app::social::channel::Platform::Facebook,
            name: &name,
            handle: "",
            url: "",
            owner_id: None,
            goal: "",
            char_limit: None,
            active: true,
        };
        let mut tx = self.db.begin().await.unwrap();
        let id = app::social::plan::channel_repo::save_channel(
            &mut tx,
            self.lugo,
            None,
            &input,
            chrono::Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
        tx.commit().await.unwrap();
        id
    }

    async fn forum_thread(&self) -> (i64, i64, i64, i64) {
        use app::forum::{model::PostState, repo};
        let now = chrono::Utc::now();
        let scope = Scope::Community {
            id: self.community,
            ente: None,
        };
        let (author, _) = self.account("autrice", true).await;
        self.grant(author, Role::CommunityMember, scope).await;
        let (other, _) = self.account("risponde", true).await;
        self.grant(other, Role::CommunityMember, scope).await;
        let mut tx = self.db.begin().await.unwrap();
        let category =
            match repo::create_category(&mut tx, self.community, "generale", "Generale", "", now)
                .await
                .unwrap()
            {
                Some(id) => id,
                None => {
                    tx.fetch_one::<(i64,)>(sql(
                        "SELECT id FROM forum_category WHERE slug = 'generale'",
                    ))
                    .await
                    .unwrap()
                    .0
                }
            };
        let thread = repo::insert_thread(
            &mut tx,
            self.community,
            category,
            "Discussione",
            author,
            now,
        )
        .await
        .unwrap();
        let (post, _) = repo::insert_post(
            &mut tx,
            thread,
            author,
            "Apro.",
            "<p>Apro.</p>",
            (PostState::Visible, false),
            now,
        )
        .await
        .unwrap();
        let (reply, _) = repo::insert_post(
            &mut tx,
            thread,
            other,
            "Rispondo.",
            "<p>Rispondo.</p>",
            (PostState::Visible, false),
            now,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        (thread, category, post, reply)
    }

    /// Attaches a small PDF to a consultation of Lugo; the file's token.
    async fn attach(&self, consultation: i64) -> String {
        let file = app::upload::check::check(
            "bando.pdf",
            b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec(),
            app::upload::check::Accept::Documents,
        )
        .unwrap();
        let mut tx = self.db.begin().await.unwrap();
        let (id, token) = app::upload::repo::store(
            &mut tx,
            &app::upload::repo::Staged::here(&file),
            None,
            Some(self.lugo),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        app::consultation::file_repo::add_file(&mut tx, consultation, id, "attachment", "Bando")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        token
    }

    /// Addresses the invitation whose token is among `pairs` to the person signed
    /// in on `client` (an invitation is only for the address it was sent to).
    async fn send_invitation_to(&self, client: &mut Client, pairs: &[(String, String)]) {
        let me = client.call("account/me", &[]).await.json();
        let email = me["email"].as_str().unwrap().to_string();
        let token = &pairs.iter().find(|(k, _)| k == "token").unwrap().1;
        self.db
            .execute(
                sql("UPDATE invitation SET email = $1 WHERE token_hash = $2")
                    .bind(email)
                    .bind(app::auth::token::digest(token)),
            )
            .await
            .unwrap();
    }

    async fn extra_fields(&self, needs: Needs) -> Vec<(String, String)> {
        let now = chrono::Utc::now();
        let pair = |k: &str, v: String| vec![(k.to_string(), v)];
        match needs {
            Needs::Nothing => vec![],
            Needs::NewEmail => pair("email", format!("nuova-{}@test.it", self.next())),
            Needs::VerifyToken | Needs::ResetToken => {
                let (id, _) = self.account("altro", false).await;
                let purpose = if matches!(needs, Needs::VerifyToken) {
                    Purpose::VerifyEmail
                } else {
                    Purpose::ResetPassword
                };
                let mut tx = self.db.begin().await.unwrap();
                let token = accounts::issue_token(&mut tx, id, purpose, now)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                pair("token", token)
            }
            Needs::InvitationToken | Needs::InvitationId => {
                let (inviter, _) = self.account("invitante", true).await;
                let mut tx = self.db.begin().await.unwrap();
                let email = format!("invitata-{}@test.it", self.next());
                let (id, token) = app::invite::repo::create(
                    &mut tx,
                    &email,
                    Role::Urp,
                    Scope::Ente(self.lugo),
                    "",
                    inviter,
                    now,
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                if matches!(needs, Needs::InvitationId) {
                    pair("id", id.to_string())
                } else {
                    pair("token", token)
                }
            }
            Needs::Draft
            | Needs::OpenConsultation
            | Needs::Paragraph
            | Needs::Comment
            | Needs::File => {
                use app::questionnaire::model::{Kind, Question, Questionnaire, Section};
                let slug = format!("prova-{}", self.next());
                let q = Questionnaire {
                    sections: vec![
                        Section {
                            title: "Prima".into(),
                            description: String::new(),
                            questions: vec![Question {
                                id: "q1".into(),
                                label: "Ti piace?".into(),
                                help: String::new(),
                                required: true,
                                kind: Kind::YesNo,
                                show_if: None,
                            }],
                        },
                        Section {
                            title: "Vuota".into(),
                            description: String::new(),
                            questions: vec![],
                        },
                    ],
                };
                let mut tx = self.db.begin().await.unwrap();
                let id = app::consultation::repo::create(
                    &mut tx,
                    self.lugo,
                    &slug,
                    "Prova",
                    now - chrono::Duration::hours(1),
                    now + chrono::Duration::days(1),
                    None,
                    now,
                )
                .await
                .unwrap()
                .unwrap();
                app::consultation::repo::set_questionnaire(&mut tx, id, &q, now)
                    .await
                    .unwrap();
                if !matches!(needs, Needs::Draft | Needs::File) {
                    app::consultation::repo::set_status(&mut tx, id, "published", None, now)
                        .await
                        .unwrap();
                }
                let text = app::consultation::discussion::parse_text("Il primo articolo.").unwrap();
                app::consultation::discussion_repo::replace_text(&mut tx, id, &text)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                let (paragraph,): (i64,) = self
                    .db
                    .fetch_one(
                        sql("SELECT id FROM consultation_paragraph WHERE consultation_id = $1")
                            .bind(id),
                    )
                    .await
                    .unwrap();
                let mut fields = pair("slug", slug);
                match needs {
                    Needs::Paragraph => fields.extend(pair("paragraph", paragraph.to_string())),
                    Needs::File => fields.extend(pair("token", self.attach(id).await)),
                    Needs::Comment => {
                        let (author, _) = self.account("autore", true).await;
                        let mut tx = self.db.begin().await.unwrap();
                        let comment = app::consultation::discussion_repo::insert_comment(
                            &mut tx,
                            paragraph,
                            author,
                            "Un commento da sostenere.",
                            now,
                        )
                        .await
                        .unwrap();
                        tx.commit().await.unwrap();
                        fields.extend(pair("comment", comment.to_string()));
                    }
                    _ => {}
                }
                fields
            }
            Needs::ForumTwoThreads => {
                let (thread, _, _, _) = self.forum_thread().await;
                let (into, _, _, _) = self.forum_thread().await;
                let mut f = pair("thread", thread.to_string());
                f.extend(pair("into", into.to_string()));
                f
            }
            Needs::ForumThread | Needs::ForumThreadAlone | Needs::ForumPost | Needs::ForumReply => {
                let (thread, category, post, reply) = self.forum_thread().await;
                match needs {
                    Needs::ForumThread => {
                        let mut f = pair("thread", thread.to_string());
                        f.extend(pair("category", category.to_string()));
                        f
                    }
                    Needs::ForumThreadAlone => pair("thread", thread.to_string()),
                    Needs::ForumPost => pair("post", post.to_string()),
                    _ => pair("post", reply.to_string()),
                }
            }
            Needs::NewName => pair("name", format!("Categoria {}", self.next())),
            Needs::JoinRequest => {
                let (id, _) = self.account("richiedente", true).await;
                let mut tx = self.db.begin().await.unwrap();
                app::community::repo::add_request(&mut tx, self.community, id, "", now)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                let (request,): (i64,) = self
                    .db
                    .fetch_one(
                        sql("SELECT id FROM community_request WHERE account_id = $1").bind(id),
                    )
                    .await
                    .unwrap();
                pair("request", request.to_string())
            }
            Needs::BlogTitle => pair("title", format!("Articolo numero {}", self.next())),
            Needs::SocialChannel => {
                let channel = self.channel().await;
                pair(&format!("texts[{channel}]"), "Un testo breve.".into())
            }
            Needs::ChannelName => pair("name", format!("Canale {}", self.next())),
            Needs::EditorialItem => {
                use app::social::plan::{model::ItemState, repo};
                let (id, author) = self.editorial_item("Un contenuto da rivedere").await;
                let mut tx = self.db.begin().await.unwrap();
                repo::set_state(
                    &mut tx,
                    self.lugo,
                    id,
                    ItemState::Draft,
                    ItemState::Review,
                    author,
                    "",
                    now,
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                pair("id", id.to_string())
            }
            Needs::ChannelId => pair("channel", self.channel().await.to_string()),
            Needs::KpiUpload => {
                let channel = self.channel().await;
                let (by, _) = self.account("analista", true).await;
                let token = format!("{:032}", self.next());
                let mut tx = self.db.begin().await.unwrap();
                app::social::kpi::repo::add_upload(
                    &mut tx,
                    self.lugo,
                    channel,
                    &token,
                    "follower.csv",
                    b"Data,Follower\n2026-11-01,120\n2026-11-02,124\n".to_vec(),
                    by,
                    now,
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                pair("token", token)
            }
            Needs::StrategyText => pair(
                "sections[body]",
                format!("La strategia, versione {}", self.next()),
            ),
            Needs::PolicyVersion | Needs::PublishedPolicy => {
                use app::social::strategy::{model::DocKind, repo as strategy_repo};
                let (by, _) = self.account("redattore", true).await;
                let fields = format!("{{\"conduct\":\"Regole {}\"}}", self.next());
                let mut tx = self.db.begin().await.unwrap();
                let version = strategy_repo::add_version(
                    &mut tx,
                    self.lugo,
                    DocKind::PolicyExternal,
                    &fields,
                    "",
                    by,
                    now,
                )
                .await
                .unwrap();
                if matches!(needs, Needs::PublishedPolicy) {
                    strategy_repo::publish(&mut tx, self.lugo, version, now)
                        .await
                        .unwrap();
                }
                tx.commit().await.unwrap();
                pair("version", version.to_string())
            }
            Needs::EditorialImage => {
                let (id, author) = self.editorial_item("Un contenuto con immagine").await;
                let mut tx = self.db.begin().await.unwrap();
                let file = app::upload::check::check(
                    "nota.txt",
                    b"Una nota".to_vec(),
                    app::upload::check::Accept::Documents,
                )
                .unwrap();
                let (upload, _) = app::upload::repo::store(
                    &mut tx,
                    &app::upload::repo::Staged::here(&file),
                    Some(author),
                    Some(self.lugo),
                    now,
                )
                .await
                .unwrap();
                tx.execute(
                    sql("INSERT INTO editorial_media (item_id, position, upload_id, alt) VALUES ($1, 1, $2, 'x')")
                        .bind(id)
                        .bind(upload),
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                pair("id", id.to_string())
            }
            Needs::TrainingSurvey => {
                if app::social::training::repo::current(&self.db, self.lugo)
                    .await
                    .unwrap()
                    .is_none()
                {
                    let (by, _) = self.account("formatore", true).await;
                    let q =
                        app::social::training::model::default_questionnaire(app::i18n::Lang::It);
                    let mut tx = self.db.begin().await.unwrap();
                    app::social::training::repo::start(
                        &mut tx,
                        self.lugo,
                        &serde_json::to_string(&q).unwrap(),
                        by,
                        now,
                    )
                    .await
                    .unwrap();
                    tx.commit().await.unwrap();
                }
                vec![]
            }
            Needs::SiteEntry => pair("id", self.site_entry().await.to_string()),
            Needs::LiveNews => pair("slug", self.news("notizia-viva").await.1),
            Needs::Journalist => pair("id", self.journalist().await.0.to_string()),
            Needs::LeaveToken => pair("token", self.journalist().await.1),
            Needs::NewsletterAsk
            | Needs::NewsletterConfirm
            | Needs::NewsletterPreferences
            | Needs::NewsletterLeave
            | Needs::NewsletterList
            | Needs::NewsletterListName
            | Needs::NewsletterDraft => self.newsletter(needs).await,
            Needs::NewPressEmail => pair("email", format!("cronista-{}@test.it", self.next())),
            Needs::NewsItem => {
                self.channel().await;
                pair("source", format!("news:{}", self.news("notizia").await.0))
            }
            Needs::BlogPost | Needs::BlogComment => {
                let (author, _) = self.account("autore", true).await;
                let slug = format!("articolo-{}", self.next());
                let input = app::blog::repo::PostInput {
                    title: "Un articolo",
                    summary: "",
                    body: "Il testo",
                    body_html: "<p>Il testo</p>",
                    published: true,
                    tags: &[],
                };
                let mut tx = self.db.begin().await.unwrap();
                let id =
                    app::blog::repo::create(&mut tx, self.community, &slug, author, &input, now)
                        .await
                        .unwrap()
                        .unwrap();
                let comment =
                    app::blog::repo::add_comment(&mut tx, id, author, "Bene", "<p>Bene</p>", now)
                        .await
                        .unwrap();
                tx.commit().await.unwrap();
                let mut f = pair("post", slug);
                if matches!(needs, Needs::BlogComment) {
                    f.extend(pair("id", comment.to_string()));
                }
                f
            }
            Needs::Document => {
                let (author, _) = self.account("autore", true).await;
                let file = app::upload::check::check(
                    "nota.txt",
                    b"Una nota".to_vec(),
                    app::upload::check::Accept::Documents,
                )
                .unwrap();
                let mut tx = self.db.begin().await.unwrap();
                let (upload, _) = app::upload::repo::store(
                    &mut tx,
                    &app::upload::repo::Staged::here(&file),
                    Some(author),
                    None,
                    now,
                )
                .await
                .unwrap();
                let id = app::files::repo::create_document(
                    &mut tx,
                    self.community,
                    None,
                    "Nota",
                    "",
                    author,
                    now,
                )
                .await
                .unwrap();
                app::files::repo::add_version(&mut tx, id, upload, "", author, now)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                pair("id", id.to_string())
            }
            Needs::ForumMember | Needs::ForumRestriction => {
                let (id, _) = self.account("membro", true).await;
                let scope = Scope::Community {
                    id: self.community,
                    ente: None,
                };
                self.grant(id, Role::CommunityMember, scope).await;
                if matches!(needs, Needs::ForumMember) {
                    return pair("account", id.to_string());
                }
                let mut tx = self.db.begin().await.unwrap();
                let r = app::forum::moderation_repo::add_restriction(
                    &mut tx,
                    self.community,
                    id,
                    "silence",
                    "Prova",
                    Some(now + chrono::Duration::days(1)),
                    id,
                    now,
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                pair("restriction", r.to_string())
            }
            Needs::GrantId => {
                let (id, _) = self.account("operatore", true).await;
                self.grant(id, Role::Urp, Scope::Ente(self.lugo)).await;
                let (grant,): (i64,) = self
                    .db
                    .fetch_one(sql("SELECT id FROM role_grant WHERE account_id = $1").bind(id))
                    .await
                    .unwrap();
                pair("grant_id", grant.to_string())
            }
        }
    }
}

both!(
    every_role_against_every_server_function,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let ente = |slug: &'static str| {
            let db = db.clone();
            async move {
                db.fetch_one::<(EnteId,)>(sql("SELECT id FROM ente WHERE slug = $1").bind(slug))
                    .await
                    .unwrap()
                    .0
            }
        };
        db.execute(sql("INSERT INTO community (slug, name, created_at, updated_at) VALUES ('comunicatori-2026', 'Comunicatori 2026', $1, $1)").bind(chrono::Utc::now()))
        .await
        .unwrap();
        let (community,): (CommunityId,) = db
            .fetch_one(sql(
                "SELECT id FROM community WHERE slug = 'comunicatori-2026'",
            ))
            .await
            .unwrap();
        {
            let mut tx = db.begin().await.unwrap();
            app::forum::repo::create_category(
                &mut tx,
                community,
                "generale",
                "Generale",
                "",
                chrono::Utc::now(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
        db.execute(sql("INSERT INTO community (slug, name, visibility, created_at, updated_at) VALUES ('aperta-matrice', 'Aperta', 'open', $1, $1)").bind(chrono::Utc::now()))
            .await
            .unwrap();
        let world = World {
            hash: app::account::password::hash(PASSWORD).unwrap(),
            lugo: ente("lugo").await,
            cotignola: ente("cotignola").await,
            community,
            serial: Default::default(),
            db: db.clone(),
        };
        // The account the login and reset rows aim at.
        {
            let mut tx = db.begin().await.unwrap();
            let email = Email::parse("bersaglio@test.it").unwrap();
            let new = NewAccount {
                email: &email,
                name: "Bersaglio",
                password_hash: Some(&world.hash),
                language: "it",
                verified: true,
                privacy_accepted: true,
            };
            accounts::create(&mut tx, new, chrono::Utc::now())
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }

        // Every server function has at least one row, and every row a server function.
        let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path.trim_start_matches("/api/").to_string())
            .collect();
        let covered: BTreeSet<String> = ROWS.iter().map(|r| r.endpoint.to_string()).collect();
        let missing: Vec<_> = registered.difference(&covered).collect();
        assert!(
            missing.is_empty(),
            "server functions with no row in the authorization matrix: {missing:?}"
        );
        let stale: Vec<_> = covered.difference(&registered).collect();
        assert!(
            stale.is_empty(),
            "rows for server functions that do not exist: {stale:?}"
        );

        let mut failures = Vec::new();
        for row in ROWS {
            for who in EVERYONE {
                let mut client = world.client(&app, who).await;
                let mut pairs: Vec<(String, String)> = row
                    .fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                pairs.extend(world.extra_fields(row.needs).await);
                if row.endpoint == "invitation/accept" && who != Who::Anonymous {
                    world.send_invitation_to(&mut client, &pairs).await;
                }
                let borrowed: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let res = client.call_raw(row.endpoint, form(&borrowed)).await;
                // Allowed: the call went through and did its work (every sample is valid
                // input). Refused: 401 for nobody, 403 for a signed-in person.
                let allowed = row.allowed.contains(&who);
                let expected = match (allowed, who) {
                    (true, _) => StatusCode::OK,
                    (false, Who::Anonymous) => StatusCode::UNAUTHORIZED,
                    (false, _) => StatusCode::FORBIDDEN,
                };
                if res.status != expected {
                    failures.push(format!(
                        "{} {:?} as {who:?}: expected {}, got {} {}",
                        row.endpoint,
                        row.fields.first(),
                        if allowed { "allowed" } else { "refused" },
                        res.status,
                        res.body.chars().take(120).collect::<String>()
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "authorization matrix:\n{}",
            failures.join("\n")
        );

        // The plain handlers walk the same roles.
        let draft = world.extra_fields(Needs::File).await;
        let (slug, token) = (&draft[0].1, &draft[1].1);
        let (draft_id,): (i64,) = db
            .fetch_one(sql("SELECT id FROM consultation WHERE slug = $1").bind(slug.as_str()))
            .await
            .unwrap();
        let managers = [Who::LugoAdmin, Who::PlatformAdmin];
        for who in EVERYONE {
            let mut client = world.client(&app, who).await;
            // The operators of Lugo upload to its consultations and read their files
            // while they are drafts; nobody else, and nobody learns they exist.
            let body = "--X\r\nContent-Disposition: form-data; name=\"role\"\r\n\r\nattachment\r\n\
                        --X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\
                        Content-Type: application/pdf\r\n\r\n%PDF-1.7\n%%EOF\r\n--X--\r\n";
            let req =
                axum::http::Request::post(format!("/gestione/lugo/consultazioni/{slug}/file"))
                    .header("content-type", "multipart/form-data; boundary=X")
                    .body(axum::body::Body::from(body))
                    .unwrap();
            let upload = client.send(req).await;
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                w if managers.contains(&w) => StatusCode::SEE_OTHER,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(upload.status, expected, "upload as {who:?}");
            let file = client.get(&format!("/file/{token}/bando.pdf")).await;
            let expected = if managers.contains(&who) {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(file.status, expected, "draft's file as {who:?}");
            let csv = client
                .get(&format!("/gestione/lugo/consultazioni/{slug}/risposte.csv"))
                .await;
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                w if managers.contains(&w) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(csv.status, expected, "CSV export as {who:?}");
            // The editorial plan's exports are the social-media team's.
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                w if SOCIAL.contains(&w) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            for export in ["csv", "ics"] {
                let res = client
                    .get(&format!("/gestione/lugo/social/piano.{export}"))
                    .await;
                assert_eq!(res.status, expected, "plan's {export} as {who:?}");
            }
            // So is the KPI upload (nobody signed in is sent to log in).
            let channel = world.channel().await.to_string();
            let res = client
                .post_multipart(
                    "/gestione/lugo/social/kpi/carica",
                    &[("channel", channel.as_str())],
                    &[("follower.csv", b"Data,Follower\n2026-11-01,120\n")],
                )
                .await;
            match who {
                Who::Anonymous => {
                    assert_eq!(res.status, StatusCode::SEE_OTHER, "KPI upload as {who:?}");
                    assert!(Client::location(&res).starts_with("/account/accedi"));
                }
                w if SOCIAL.contains(&w) => {
                    assert_eq!(res.status, StatusCode::SEE_OTHER, "KPI upload as {who:?}");
                    assert!(
                        Client::location(&res).starts_with("/gestione/lugo/social/kpi/importa/")
                    );
                }
                _ => assert_eq!(res.status, StatusCode::FORBIDDEN, "KPI upload as {who:?}"),
            }
            // And the images of its editorial items.
            let item = world.extra_fields(Needs::EditorialImage).await;
            let png: &[u8] = PNG;
            let res = client
                .post_multipart(
                    &format!("/gestione/lugo/social/piano/{}/immagini", item[0].1),
                    &[("alt", "Una foto")],
                    &[("foto.png", png)],
                )
                .await;
            let location = Client::location(&res);
            match who {
                Who::Anonymous => assert!(
                    location.starts_with("/account/accedi"),
                    "image as {who:?}: {location}"
                ),
                w if SOCIAL.contains(&w) => assert!(
                    location.ends_with("?immagine=1#immagini"),
                    "image as {who:?}: {location}"
                ),
                _ => assert_eq!(res.status, StatusCode::FORBIDDEN, "image as {who:?}"),
            }
            // And the images of the site editor's news items.
            let entry = world.site_entry().await;
            let res = client
                .post_multipart(
                    &format!("/gestione/lugo/sito/notizie/{entry}/immagine"),
                    &[("alt", "Il municipio")],
                    &[("municipio.png", png)],
                )
                .await;
            let location = Client::location(&res);
            match who {
                Who::Anonymous => assert!(
                    location.starts_with("/account/accedi"),
                    "site image as {who:?}: {location}"
                ),
                w if SITE.contains(&w) => assert!(
                    location.ends_with("?salvato=1#immagine"),
                    "site image as {who:?}: {location}"
                ),
                _ => assert_eq!(res.status, StatusCode::FORBIDDEN, "site image as {who:?}"),
            }
        }
        // A community's files: its members upload and download; nobody else, and
        // a file's address is no key. Nobody signed in is sent to log in.
        let doc = world.extra_fields(Needs::Document).await;
        let doc = &doc[0].1;
        let (doc_token,): (String,) = db
            .fetch_one(sql("SELECT u.token FROM community_file_version v JOIN upload u ON u.id = v.upload_id WHERE v.file_id = $1").bind(doc.parse::<i64>().unwrap()))
            .await
            .unwrap();
        for who in EVERYONE {
            let mut client = world.client(&app, who).await;
            let reader = READERS.contains(&who);
            let body =
                "--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
                        Content-Type: text/plain\r\n\r\nUna nota\r\n--X--\r\n";
            let req = axum::http::Request::post("/comunita/comunicatori-2026/carica-file")
                .header("content-type", "multipart/form-data; boundary=X")
                .body(axum::body::Body::from(body))
                .unwrap();
            let upload = client.send(req).await;
            let download = client
                .get(&format!(
                    "/comunita/comunicatori-2026/file/{doc}/scarica?versione=1"
                ))
                .await;
            for (what, res) in [("upload", &upload), ("download", &download)] {
                let location = res
                    .headers
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                match who {
                    Who::Anonymous => assert!(
                        location.starts_with("/account/accedi"),
                        "{what} as {who:?}: {} {location}",
                        res.status
                    ),
                    _ if reader => {
                        assert_eq!(res.status, StatusCode::SEE_OTHER, "{what} as {who:?}")
                    }
                    _ => assert_eq!(res.status, StatusCode::FORBIDDEN, "{what} as {who:?}"),
                }
            }
            let file = client.get(&format!("/file/{doc_token}/nota.txt")).await;
            let expected = if reader {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(file.status, expected, "community file as {who:?}");
        }
        // The forum's plain forms with files: members and tutors open threads and
        // reply; nobody else. Nobody signed in is sent to log in.
        let forum = world.extra_fields(Needs::ForumThreadAlone).await;
        let thread = &forum[0].1;
        for who in EVERYONE {
            let mut client = world.client(&app, who).await;
            for (what, path, body) in [
                (
                    "new thread",
                    "/comunita/comunicatori-2026/forum/generale/apri".to_string(),
                    "--X\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nUna discussione\r\n\
                     --X\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nIl testo.\r\n--X--\r\n",
                ),
                (
                    "reply",
                    format!("/comunita/comunicatori-2026/forum/t/{thread}/rispondi"),
                    "--X\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nRispondo.\r\n--X--\r\n",
                ),
            ] {
                let req = axum::http::Request::post(path)
                    .header("content-type", "multipart/form-data; boundary=X")
                    .body(axum::body::Body::from(body))
                    .unwrap();
                let res = client.send(req).await;
                let location = res
                    .headers
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                match who {
                    Who::Anonymous => assert!(
                        location.starts_with("/account/accedi"),
                        "{what} as {who:?}: {} {location}",
                        res.status
                    ),
                    _ if READERS.contains(&who) => assert!(
                        res.status == StatusCode::SEE_OTHER && location.contains("/forum/t/"),
                        "{what} as {who:?}: {} {location}",
                        res.status
                    ),
                    _ => assert_eq!(res.status, StatusCode::FORBIDDEN, "{what} as {who:?}"),
                }
            }
        }
        // The routes left: health, the blog's and the ente's feeds, the sitemap (public), the covers of a
        // community and of a blog post, a document's new version (tutors and its
        // uploader), an answer with files, the XLSX export.
        let post = world.extra_fields(Needs::BlogPost).await;
        let post = &post[0].1;
        let open = world.extra_fields(Needs::OpenConsultation).await;
        let open = &open[0].1;
        let png: &[u8] = PNG;
        for who in EVERYONE {
            let mut client = world.client(&app, who).await;
            for path in [
                "/healthz".to_string(),
                "/readyz".to_string(),
                "/comunita/comunicatori-2026/blog/feed.atom".to_string(),
                "/comunita/comunicatori-2026/blog/rss.xml".to_string(),
                "/lugo/notizie/feed.atom".to_string(),
                "/lugo/notizie/rss.xml".to_string(),
                "/lugo/comunicati/feed.atom".to_string(),
                "/lugo/comunicati/rss.xml".to_string(),
                "/lugo/eventi/calendario.ics".to_string(),
                "/lugo/eventi/mercato-pavaglione/calendario.ics".to_string(),
                "/lugo/luoghi/mappa.geojson".to_string(),
                "/lugo/servizi/cambio-residenza/condizioni.txt".to_string(),
                "/sitemap.xml".to_string(),
                "/robots.txt".to_string(),
            ] {
                assert_eq!(
                    client.get(&path).await.status,
                    StatusCode::OK,
                    "{path} as {who:?}"
                );
            }
            let writes = [
                (
                    "community cover",
                    "/comunita/comunicatori-2026/copertina".to_string(),
                    TUTORS,
                ),
                (
                    "blog cover",
                    format!("/comunita/comunicatori-2026/blog/{post}/copertina"),
                    TUTORS,
                ),
                (
                    "new version",
                    format!("/comunita/comunicatori-2026/file/{doc}/versione"),
                    TUTORS,
                ),
            ];
            for (what, path, allowed) in writes {
                let file: (&str, &[u8]) = if what == "new version" {
                    ("nota.txt", b"Una nota nuova")
                } else {
                    ("foto.png", png)
                };
                let res = client
                    .post_multipart(&path, &[("alt", "Una foto"), ("note", "")], &[file])
                    .await;
                let location = Client::location(&res);
                match who {
                    Who::Anonymous => assert!(
                        location.starts_with("/account/accedi"),
                        "{what} as {who:?}: {} {location}",
                        res.status
                    ),
                    w if allowed.contains(&w) => assert!(
                        res.status == StatusCode::SEE_OTHER && !location.contains("errore"),
                        "{what} as {who:?}: {} {location}",
                        res.status
                    ),
                    _ => assert_eq!(res.status, StatusCode::FORBIDDEN, "{what} as {who:?}"),
                }
            }
            // Answers with files: anyone verified answers; nobody signed in is sent
            // to log in, an unverified account back to the consultation.
            let res = client
                .post_multipart(
                    &format!("/lugo/consultazioni/{open}/risposta"),
                    &[("answers[q1]", "si")],
                    &[],
                )
                .await;
            let location = Client::location(&res);
            if who == Who::Anonymous {
                assert!(
                    location.starts_with("/account/accedi"),
                    "answer as {who:?}: {location}"
                );
            } else {
                assert!(
                    res.status == StatusCode::SEE_OTHER
                        && location.starts_with(&format!("/lugo/consultazioni/{open}")),
                    "answer as {who:?}: {} {location}",
                    res.status
                );
            }
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                w if managers.contains(&w) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            let xlsx = client
                .get(&format!(
                    "/gestione/lugo/consultazioni/{open}/risposte.xlsx"
                ))
                .await;
            assert_eq!(xlsx.status, expected, "XLSX export as {who:?}");
        }
        // Published, its files are public.
        db.execute(
            sql("UPDATE consultation SET status = 'published' WHERE id = $1").bind(draft_id),
        )
        .await
        .unwrap();
        let mut anonymous = world.client(&app, Who::Anonymous).await;
        assert_eq!(
            anonymous
                .get(&format!("/file/{token}/bando.pdf"))
                .await
                .status,
            StatusCode::OK
        );
        for who in EVERYONE {
            let mut client = world.client(&app, who).await;
            let export = client.get("/account/dati.json").await;
            let expected = if who == Who::Anonymous {
                StatusCode::SEE_OTHER
            } else {
                StatusCode::OK
            };
            assert_eq!(export.status, expected, "export as {who:?}");
            let req = axum::http::Request::post("/lang")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("lang=en&next=%2F"))
                .unwrap();
            assert_eq!(
                client.send(req).await.status,
                StatusCode::SEE_OTHER,
                "language as {who:?}"
            );
        }
        // The newsletters: one-click leaving (RFC 8058) for anyone with the link, the
        // issue's preview for Lugo's site team.
        let issue = world.newsletter(Needs::NewsletterDraft).await[0].1.clone();
        for who in EVERYONE {
            let mut client = world.client(&app, who).await;
            let token = world.newsletter(Needs::NewsletterLeave).await[0].1.clone();
            let open = client
                .get(&format!("/newsletter/uscita/{token}"))
                .await
                .status;
            assert_eq!(open, StatusCode::SEE_OTHER, "one-click page as {who:?}");
            let req = axum::http::Request::post(format!("/newsletter/uscita/{token}"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
                .unwrap();
            assert_eq!(
                client.send(req).await.status,
                StatusCode::OK,
                "one-click as {who:?}"
            );
            let preview = client
                .get(&format!("/gestione/lugo/newsletter/{issue}/anteprima"))
                .await
                .status;
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                w if SITE.contains(&w) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(preview, expected, "issue preview as {who:?}");
        }
        // Live streams: one's own bell, a consultation's answers for its managers,
        // the moderation queue for the tutors.
        let (community,): (CommunityId,) = db
            .fetch_one(sql(
                "SELECT id FROM community WHERE slug = 'comunicatori-2026'",
            ))
            .await
            .unwrap();
        for who in EVERYONE {
            let mut client = world.client(&app, who).await;
            let bell = client.open("/live?t=me", None).await.0;
            let expected = if who == Who::Anonymous {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::OK
            };
            assert_eq!(bell, expected, "the bell's stream as {who:?}");
            let answers = client
                .open(&format!("/live?t=results:{draft_id}"), None)
                .await
                .0;
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                w if managers.contains(&w) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(answers, expected, "answers' stream as {who:?}");
            let queue = client
                .open(&format!("/live?t=moderation:{community}"), None)
                .await
                .0;
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                w if TUTORS.contains(&w) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(queue, expected, "moderation queue's stream as {who:?}");
            let sending = client
                .open(&format!("/live?t=newsletter:{}", world.lugo.get()), None)
                .await
                .0;
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                w if SITE.contains(&w) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(sending, expected, "newsletter progress stream as {who:?}");
            let metrics = client.get("/metrics").await.status;
            let expected = match who {
                Who::Anonymous => StatusCode::UNAUTHORIZED,
                Who::PlatformAdmin => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(metrics, expected, "metrics as {who:?}");
        }
        every_route_was_walked();
    }
);

/// The routes of `router.rs` (method and path pattern, `{x}` for a parameter).
fn routes() -> Vec<(String, String)> {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/router.rs"))
        .expect("router.rs");
    let mut out = Vec::new();
    for rest in source.split(".route(").skip(1) {
        // The call's arguments: up to the parenthesis that closes `.route(`.
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find(|(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let call = &rest[..end];
        let Some(path) = call.split('"').nth(1) else {
            continue;
        };
        for method in ["get", "post"] {
            if call.contains(&format!("{method}(")) {
                out.push((method.to_uppercase(), path.to_string()));
            }
        }
    }
    out
}

fn matches(pattern: &str, path: &str) -> bool {
    let (p, q): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    p.len() == q.len()
        && p.iter()
            .zip(&q)
            .all(|(a, b)| a == b || (a.starts_with('{') && a.ends_with('}') && !b.is_empty()))
}

/// Every route of the router was called by the matrix: a new plain handler without
/// its walk here fails, as a server function without a row does.
fn every_route_was_walked() {
    let sent = common::web::SENT.lock().unwrap().clone();
    let routes = routes();
    assert!(routes.len() > 20, "router.rs was read: {routes:?}");
    let missing: Vec<String> = routes
        .iter()
        .filter(|(method, pattern)| {
            !sent
                .iter()
                .any(|(m, path)| m == method && matches(pattern, path))
        })
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes of router.rs the matrix never walked:\n{}",
        missing.join("\n")
    );
}

#[test]
fn route_patterns_match_paths() {
    assert!(matches("/file/{token}/{name}", "/file/ab/c.pdf"));
    assert!(!matches("/file/{token}/{name}", "/file/ab"));
    assert!(!matches("/comunita/{slug}/copertina", "/comunita/x/file"));
    let routes = routes();
    assert!(routes
        .iter()
        .any(|(m, p)| m == "POST" && p == "/comunita/{slug}/copertina"));
    assert!(!routes
        .iter()
        .any(|(m, p)| m == "GET" && p == "/gestione/{ente}/social/piano/{id}/immagini"));
}
