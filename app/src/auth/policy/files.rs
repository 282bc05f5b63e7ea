//! Who may read a stored file. What the file belongs to decides (never the ente it
//! was uploaded in): each kind of holder is read by those who may see that holder.

use super::{can, Action, Target};
use crate::auth::model::{Actor, Scope};
use crate::ids::{AccountId, EnteId};

/// Something a stored file belongs to. The same file may have several holders;
/// whoever may see one of them may read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// Shown on a public page: a published consultation's cover or attachment, a
    /// community's cover, a published blog post's cover.
    Public,
    /// A draft consultation's cover or attachment, or a file sent with an answer: the
    /// people who run the consultations of that ente.
    Consultation { ente: EnteId },
    /// A community's document, or the attachment of a post its members can read.
    Community(Scope),
    /// The attachment of a post waiting for approval, or hidden: its author, and the
    /// community's tutors (who open it from the queue).
    UnseenPost {
        community: Scope,
        author: Option<AccountId>,
    },
    /// An image of an item of the editorial plan: the ente's social-media team.
    Editorial { ente: EnteId },
    /// An image of an entry of the site's editor (before it shows on the site, or
    /// after): the ente's site team.
    SiteDraft { ente: EnteId },
}

/// Whether `actor` may read a file uploaded by `uploader` that belongs to `holders`.
/// Whoever uploaded a file may always read it back.
pub fn may_read_file(
    actor: Option<&Actor>,
    uploader: Option<AccountId>,
    holders: &[Holder],
) -> bool {
    let me = actor.map(|a| a.account_id);
    if me.is_some() && me == uploader {
        return true;
    }
    let sees = |action, scope| can(actor, action, Target::In(scope));
    holders.iter().any(|holder| match *holder {
        Holder::Public => true,
        Holder::Consultation { ente } => sees(Action::ManageConsultations, Scope::Ente(ente)),
        Holder::Community(scope) => sees(Action::OpenCommunity, scope),
        Holder::UnseenPost { community, author } => {
            sees(Action::ModerateCommunity, community)
                || (me.is_some() && me == author && sees(Action::OpenCommunity, community))
        }
        Holder::Editorial { ente } => sees(Action::ManageSocial, Scope::Ente(ente)),
        Holder::SiteDraft { ente } => sees(Action::ManageSite, Scope::Ente(ente)),
    })
}
