//! The people of the demo: an administrator, the team of Lugo, the URP of the
//! Unione, two community tutors, a citizen; and two communities. Their password is
//! `PIAZZA_DEMO_PASSWORD`, or `piazza-demo-2026` (a demo deployment only).

use app::account::model::Email;
use app::account::repo::{self as accounts, NewAccount};
use app::auth::model::{Role, Scope};
use app::community::model::Visibility;
use app::community::repo::{self as communities, NewCommunity};
use app::db::{sql, Tx};
use app::ids::{CommunityId, EnteId};
use chrono::{DateTime, Utc};

pub const DEFAULT_PASSWORD: &str = "piazza-demo-2026";

/// The demo people's addresses (the tests sign them in by these too).
pub const ADMIN: &str = "admin@piazza.example.it";
/// Administrator of the Comune di Lugo.
pub const GIULIA: &str = "giulia.neri@comune.lugo.example.it";
/// Social media operator in Lugo.
pub const MARCO: &str = "marco.bassi@comune.lugo.example.it";
/// Press office of Lugo: writes on its site (news, releases, events).
pub const CHIARA: &str = "chiara.fontana@comune.lugo.example.it";
/// URP of the Unione, tutor of its URP community.
pub const ELENA: &str = "elena.fabbri@unione.labassaromagna.example.it";
/// Tutor of "Comunicatori social RiformAttiva 2026".
pub const PAOLO: &str = "paolo.ricci@formazione.example.it";
/// A regional communicator, member of that community.
pub const LUCA: &str = "luca.moretti@regione.example.it";
/// A citizen of Bagnacavallo.
pub const SARA: &str = "sara.conti@example.it";

/// Where a demo person holds a role.
enum Place {
    Platform,
    Ente(&'static str),
    Community(&'static str),
}

const COMMUNITIES: [NewCommunity<'static>; 3] = [
    NewCommunity {
        slug: "comunicatori-riformattiva-2026",
        name: "Comunicatori social RiformAttiva 2026",
        description: "La community dei social media manager delle amministrazioni selezionate per l'azione 1.3: strategie, policy, piani redazionali e buone pratiche a confronto.",
        ente_id: None,
        visibility: Visibility::Invitation,
    },
    NewCommunity {
        slug: "urp-bassa-romagna",
        name: "Unione Bassa Romagna – URP",
        description: "Gli sportelli URP dei Comuni dell'Unione: procedure condivise, risposte ai cittadini, segnalazioni.",
        ente_id: None,
        visibility: Visibility::Invitation,
    },
    NewCommunity {
        slug: "accessibilita-digitale",
        name: "Accessibilità digitale nei Comuni",
        description: "Aperta a chi cura siti e servizi online della PA: linee guida AgID, dichiarazioni di accessibilità, verifiche con gli utenti.",
        ente_id: None,
        visibility: Visibility::Open,
    },
];

/// (email, name, verified, residence, roles)
type Person = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [(Role, Place)],
);

const PEOPLE: [Person; 8] = [
    (
        ADMIN,
        "Anna Ferri",
        None,
        &[(Role::PlatformAdmin, Place::Platform)],
    ),
    (
        GIULIA,
        "Giulia Neri",
        Some("lugo"),
        &[
            (Role::EnteAdmin, Place::Ente("lugo")),
            (
                Role::CommunityMember,
                Place::Community("comunicatori-riformattiva-2026"),
            ),
        ],
    ),
    (
        MARCO,
        "Marco Bassi",
        Some("lugo"),
        &[
            (Role::SocialMedia, Place::Ente("lugo")),
            (
                Role::CommunityMember,
                Place::Community("comunicatori-riformattiva-2026"),
            ),
        ],
    ),
    (
        CHIARA,
        "Chiara Fontana",
        Some("lugo"),
        &[(Role::PressOffice, Place::Ente("lugo"))],
    ),
    (
        ELENA,
        "Elena Fabbri",
        Some("bagnacavallo"),
        &[
            (Role::Urp, Place::Ente("bassa-romagna")),
            (Role::CommunityTutor, Place::Community("urp-bassa-romagna")),
            (
                Role::CommunityMember,
                Place::Community("comunicatori-riformattiva-2026"),
            ),
        ],
    ),
    (
        PAOLO,
        "Paolo Ricci",
        None,
        &[
            (
                Role::CommunityTutor,
                Place::Community("comunicatori-riformattiva-2026"),
            ),
            (
                Role::CommunityTutor,
                Place::Community("accessibilita-digitale"),
            ),
        ],
    ),
    (
        LUCA,
        "Luca Moretti",
        None,
        &[(
            Role::CommunityMember,
            Place::Community("comunicatori-riformattiva-2026"),
        )],
    ),
    (SARA, "Sara Conti", Some("bagnacavallo"), &[]),
];

async fn ente_id(tx: &mut Tx, slug: &str) -> Result<Option<EnteId>, app::db::DbError> {
    Ok(tx
        .fetch_optional::<(EnteId,)>(sql("SELECT id FROM ente WHERE slug = $1").bind(slug))
        .await?
        .map(|(id,)| id))
}

/// Loads the demo people and communities; existing ones are left as they are.
pub async fn seed(
    tx: &mut Tx,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), app::db::DbError> {
    let unione = ente_id(tx, "bassa-romagna").await?;
    for c in &COMMUNITIES {
        let ente = if c.slug == "urp-bassa-romagna" {
            unione
        } else {
            c.ente_id
        };
        communities::ensure(
            tx,
            &NewCommunity {
                ente_id: ente,
                ..*c
            },
            now,
        )
        .await?;
    }
    // The open community reads new members' first post before it is published
    // (unless its tutors have changed its settings since).
    tx.execute(
        app::db::sql(
            "UPDATE community SET approve_first_posts = 1 WHERE slug = $1 AND updated_at = created_at",
        )
            .bind("accessibilita-digitale"),
    )
    .await?;
    for (email, name, residence, roles) in PEOPLE {
        let Ok(email) = Email::parse(email) else {
            continue;
        };
        let new = NewAccount {
            email: &email,
            name,
            password_hash: Some(password_hash),
            language: "it",
            verified: true,
            privacy_accepted: true,
        };
        let Some(id) = accounts::create(tx, new, now).await? else {
            continue;
        };
        if let Some(slug) = residence {
            let residence = ente_id(tx, slug).await?;
            tx.execute(
                sql("UPDATE account SET residence_ente_id = $1 WHERE id = $2")
                    .bind(residence)
                    .bind(id),
            )
            .await?;
        }
        for (role, place) in roles.iter() {
            let scope = match place {
                Place::Platform => Some(Scope::Platform),
                Place::Ente(slug) => ente_id(tx, slug).await?.map(Scope::Ente),
                Place::Community(slug) => {
                    let row: Option<(CommunityId, Option<EnteId>)> = tx
                        .fetch_optional(
                            sql("SELECT id, ente_id FROM community WHERE slug = $1").bind(*slug),
                        )
                        .await?;
                    row.map(|(id, ente)| Scope::Community { id, ente })
                }
            };
            if let Some(scope) = scope {
                accounts::grant(tx, id, *role, scope, None, now).await?;
            }
        }
    }
    // Sara follows two topics: new consultations on them reach her by mail.
    tx.execute(sql("INSERT INTO account_topic (account_id, topic_id)
         SELECT a.id, t.id FROM account a, topic t
          WHERE a.email = 'sara.conti@example.it' AND t.slug IN ('sviluppo-sostenibile', 'mobilita-sostenibile')
         ON CONFLICT DO NOTHING"))
        .await?;
    Ok(())
}
