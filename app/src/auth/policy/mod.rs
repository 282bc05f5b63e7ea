//! The one authorization policy: `can(actor, action, target)`. Every server function
//! and handler asks it (through `auth::require` on the server); views ask it too, to
//! hide what the server would refuse. It is a pure function, tested on its own and
//! walked role by role against every server function in `server/tests/authz_matrix.rs`.

use super::model::{Actor, RestrictionKind, Role, Scope, ScopeKind};
use serde::{Deserialize, Serialize};

pub mod files;

/// Something a person may try to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    // Anyone, signed in or not.
    ReadPublic,
    /// Say how clear a public page was (the model's feedback widget).
    RatePage,
    /// Report an inefficiency to an ente (the form that stands for the reports
    /// module where it is off).
    ReportInefficiency,
    Register,
    LogIn,
    VerifyEmail,
    RequestPasswordReset,
    ResetPassword,
    AcceptInvitation,
    // Anyone signed in, on their own account.
    LogOut,
    LogOutEverywhere,
    ResendVerification,
    ViewOwnAccount,
    UpdateOwnProfile,
    ChangeOwnPassword,
    ExportOwnData,
    DeleteOwnAccount,
    // A verified account: a citizen taking part (answering, reporting, booking).
    Participate,
    // People and roles within a scope.
    ViewTeam,
    /// Invite someone to a role, or take the role away.
    Appoint(Role),
    // Working areas.
    OpenDashboard,
    /// Create, edit, publish consultations of an ente and read their results.
    ManageConsultations,
    /// Work on an ente's institutional site: its content, and what visitors said of
    /// its pages.
    ManageSite,
    /// Choose how the ente's site works: whether a second person approves what goes
    /// on it (the ente's admins).
    ConfigureSite,
    /// Run the ente's newsletters: lists, issues, their sending and statistics (the
    /// same people as the site's content).
    ManageNewsletter,
    /// Run the ente's press office: its journalists list (personal data) and the
    /// contacts on its press kit page (the ente's admins and press office).
    ManagePress,
    /// The social-media team's work in an ente: channels, editorial plan (drafting,
    /// reviewing, approving someone else's items), strategy, policy, KPIs.
    ManageSocial,
    /// Create a community: of the platform (`Scope::Platform`) or run by an ente.
    CreateCommunity,
    /// Enter a community's reserved area and read its forum and files.
    OpenCommunity,
    /// Write in a community: threads, replies, reactions, flags, uploads.
    PostInCommunity,
    /// Moderate a community: categories, hiding and restoring, locking, restrictions.
    ModerateCommunity,
    // Administration.
    ViewOutbox,
    ViewAuditLog,
    /// The node's metrics (`/metrics`): platform admins (scrapers use a token).
    ViewMetrics,
}

/// What the action is done on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// The deployment as a whole.
    Site,
    /// The signed-in person's own account.
    OwnAccount,
    /// An ente or a community (or the platform) and what lives in it.
    In(Scope),
}

/// The answer, with the reason when it is no.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Allowed,
    /// Nobody is signed in, and someone must be.
    NeedsLogin,
    /// Signed in, but the email address is not verified yet.
    NeedsVerifiedEmail,
    Forbidden,
}

impl Decision {
    pub fn allowed(self) -> bool {
        self == Decision::Allowed
    }
}

/// Whether `actor` (None: nobody signed in) may do `action` on `target`.
pub fn can(actor: Option<&Actor>, action: Action, target: Target) -> bool {
    decide(actor, action, target).allowed()
}

/// [`can`], with the reason for a refusal.
pub fn decide(actor: Option<&Actor>, action: Action, target: Target) -> Decision {
    use Action::*;
    // The rule for an action that needs someone signed in.
    let signed_in = |rule: &dyn Fn(&Actor) -> bool| match actor {
        None => Decision::NeedsLogin,
        Some(a) if rule(a) => Decision::Allowed,
        Some(_) => Decision::Forbidden,
    };
    let scope = scope_of(target);
    match action {
        ReadPublic | RatePage | ReportInefficiency | Register | LogIn | VerifyEmail
        | RequestPasswordReset | ResetPassword => Decision::Allowed,
        // Anyone with the link, who then makes an account; signed in, only with a
        // confirmed address (the service then checks it is the invited one).
        AcceptInvitation => match actor {
            Some(a) if !a.verified => Decision::NeedsVerifiedEmail,
            _ => Decision::Allowed,
        },
        LogOut | LogOutEverywhere | ResendVerification | ViewOwnAccount | UpdateOwnProfile
        | ChangeOwnPassword | ExportOwnData | DeleteOwnAccount => {
            signed_in(&|_| target == Target::OwnAccount)
        }
        Participate => match actor {
            None => Decision::NeedsLogin,
            Some(a) if a.verified => Decision::Allowed,
            Some(_) => Decision::NeedsVerifiedEmail,
        },
        ViewTeam => signed_in(&|a| scope.is_some_and(|s| manages(a, s))),
        Appoint(role) => signed_in(&|a| scope.is_some_and(|s| may_appoint(a, role, s))),
        OpenDashboard => signed_in(&|a| match scope {
            Some(Scope::Ente(ente)) => a.is_platform_admin() || a.works_for(ente),
            _ => false,
        }),
        ManageConsultations => signed_in(&|a| match scope {
            Some(s @ Scope::Ente(_)) => {
                a.is_platform_admin()
                    || [Role::EnteAdmin, Role::EnteOperator, Role::Urp]
                        .into_iter()
                        .any(|r| a.holds(r, s))
            }
            _ => false,
        }),
        ManageSite | ManageNewsletter => signed_in(&|a| match scope {
            Some(s @ Scope::Ente(_)) => {
                a.is_platform_admin()
                    || [
                        Role::EnteAdmin,
                        Role::EnteOperator,
                        Role::PressOffice,
                        Role::Urp,
                    ]
                    .into_iter()
                    .any(|r| a.holds(r, s))
            }
            _ => false,
        }),
        ConfigureSite => signed_in(&|a| match scope {
            Some(s @ Scope::Ente(_)) => manages(a, s),
            _ => false,
        }),
        ManagePress => signed_in(&|a| match scope {
            Some(s @ Scope::Ente(_)) => {
                a.is_platform_admin()
                    || [Role::EnteAdmin, Role::PressOffice]
                        .into_iter()
                        .any(|r| a.holds(r, s))
            }
            _ => false,
        }),
        ManageSocial => signed_in(&|a| match scope {
            Some(s @ Scope::Ente(_)) => {
                a.is_platform_admin()
                    || [Role::EnteAdmin, Role::SocialMedia]
                        .into_iter()
                        .any(|r| a.holds(r, s))
            }
            _ => false,
        }),
        // Platform admins anywhere, ente admins for their ente; the platform's tutors
        // (who tutor some community) start new communities of the platform.
        CreateCommunity => signed_in(&|a| match scope {
            Some(Scope::Platform) => {
                a.is_platform_admin() || a.grants.iter().any(|g| g.role == Role::CommunityTutor)
            }
            Some(s @ Scope::Ente(_)) => manages(a, s),
            _ => false,
        }),
        OpenCommunity => signed_in(&|a| match scope {
            Some(s @ Scope::Community { id, .. }) => {
                manages(a, s)
                    || (a.holds(Role::CommunityMember, s)
                        && !a.restricted(id, RestrictionKind::Suspension))
            }
            _ => false,
        }),
        PostInCommunity => signed_in(&|a| match scope {
            Some(s @ Scope::Community { id, .. }) => {
                manages(a, s)
                    || (a.holds(Role::CommunityMember, s)
                        && !a.restricted(id, RestrictionKind::Suspension)
                        && !a.restricted(id, RestrictionKind::Silence))
            }
            _ => false,
        }),
        ModerateCommunity => signed_in(&|a| match scope {
            Some(s @ Scope::Community { .. }) => manages(a, s),
            _ => false,
        }),
        ViewOutbox | ViewMetrics => signed_in(&|a| target == Target::Site && a.is_platform_admin()),
        ViewAuditLog => signed_in(&|a| match target {
            Target::Site => a.is_platform_admin(),
            Target::In(s @ Scope::Ente(_)) => manages(a, s),
            _ => false,
        }),
    }
}

fn scope_of(target: Target) -> Option<Scope> {
    match target {
        Target::In(scope) => Some(scope),
        Target::Site | Target::OwnAccount => None,
    }
}

/// Who runs a scope: platform admins everywhere, ente admins in their ente and in the
/// communities their ente runs, tutors in their community.
fn manages(actor: &Actor, scope: Scope) -> bool {
    if actor.is_platform_admin() {
        return true;
    }
    match scope {
        Scope::Platform => false,
        Scope::Ente(_) => actor.holds(Role::EnteAdmin, scope),
        Scope::Community { ente, .. } => {
            actor.holds(Role::CommunityTutor, scope)
                || ente.is_some_and(|e| actor.holds(Role::EnteAdmin, Scope::Ente(e)))
        }
    }
}

/// Who may give (or take away) `role` in `scope`.
fn may_appoint(actor: &Actor, role: Role, scope: Scope) -> bool {
    if role.scope_kind() != scope.kind() {
        return false;
    }
    if actor.is_platform_admin() {
        return true;
    }
    match (role.scope_kind(), scope) {
        (ScopeKind::Platform, _) => false,
        (ScopeKind::Ente, Scope::Ente(_)) => actor.holds(Role::EnteAdmin, scope),
        (ScopeKind::Community, Scope::Community { ente, .. }) => {
            let ente_admin = ente.is_some_and(|e| actor.holds(Role::EnteAdmin, Scope::Ente(e)));
            match role {
                Role::CommunityMember => ente_admin || actor.holds(Role::CommunityTutor, scope),
                _ => ente_admin,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
