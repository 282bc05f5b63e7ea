//! The one authorization policy: `can(actor, action, target)`. Every server function
//! and handler asks it (through `auth::require` on the server); views ask it too, to
//! hide what the server would refuse. It is a pure function, tested on its own and
//! walked role by role against every server function in `server/tests/authz_matrix.rs`.

use super::model::{Actor, RestrictionKind, Role, Scope, ScopeKind};
use serde::{Deserialize, Serialize};

/// Something a person may try to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    // Anyone, signed in or not.
    ReadPublic,
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
        ReadPublic | Register | LogIn | VerifyEmail | RequestPasswordReset | ResetPassword
        | AcceptInvitation => Decision::Allowed,
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
        ViewOutbox => signed_in(&|a| target == Target::Site && a.is_platform_admin()),
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
mod tests {
    use super::*;
    use crate::auth::model::Grant;

    const LUGO: i64 = 2;
    const COTIGNOLA: i64 = 4;
    const URP_COMMUNITY: Scope = Scope::Community {
        id: 7,
        ente: Some(LUGO),
    };
    const NATIONAL_COMMUNITY: Scope = Scope::Community { id: 8, ente: None };

    fn actor(verified: bool, grants: &[(Role, Scope)]) -> Actor {
        Actor {
            account_id: 1,
            email: "a@b.it".into(),
            name: String::new(),
            verified,
            grants: grants
                .iter()
                .map(|&(role, scope)| Grant { role, scope })
                .collect(),
            restrictions: Vec::new(),
        }
    }

    #[test]
    fn public_actions_need_nobody() {
        for action in [
            Action::ReadPublic,
            Action::Register,
            Action::LogIn,
            Action::AcceptInvitation,
        ] {
            assert!(can(None, action, Target::Site), "{action:?}");
        }
        assert_eq!(
            decide(None, Action::UpdateOwnProfile, Target::OwnAccount),
            Decision::NeedsLogin
        );
    }

    #[test]
    fn own_account_actions_are_only_on_ones_own_account() {
        let citizen = actor(true, &[]);
        assert!(can(
            Some(&citizen),
            Action::DeleteOwnAccount,
            Target::OwnAccount
        ));
        assert!(!can(
            Some(&citizen),
            Action::DeleteOwnAccount,
            Target::In(Scope::Ente(LUGO))
        ));
    }

    #[test]
    fn participation_needs_a_verified_email() {
        assert_eq!(
            decide(Some(&actor(false, &[])), Action::Participate, Target::Site),
            Decision::NeedsVerifiedEmail
        );
        assert!(can(
            Some(&actor(true, &[])),
            Action::Participate,
            Target::Site
        ));
    }

    #[test]
    fn ente_admins_appoint_within_their_ente_only() {
        let admin = actor(true, &[(Role::EnteAdmin, Scope::Ente(LUGO))]);
        let lugo = Target::In(Scope::Ente(LUGO));
        assert!(can(Some(&admin), Action::Appoint(Role::Urp), lugo));
        assert!(can(Some(&admin), Action::Appoint(Role::EnteAdmin), lugo));
        assert!(!can(
            Some(&admin),
            Action::Appoint(Role::Urp),
            Target::In(Scope::Ente(COTIGNOLA))
        ));
        assert!(!can(
            Some(&admin),
            Action::Appoint(Role::PlatformAdmin),
            Target::In(Scope::Platform)
        ));
        // A community role in an ente scope makes no sense, whoever asks.
        assert!(!can(
            Some(&admin),
            Action::Appoint(Role::CommunityMember),
            lugo
        ));
        // The ente's own community: tutors and members; another community: nothing.
        assert!(can(
            Some(&admin),
            Action::Appoint(Role::CommunityTutor),
            Target::In(URP_COMMUNITY)
        ));
        assert!(!can(
            Some(&admin),
            Action::Appoint(Role::CommunityMember),
            Target::In(NATIONAL_COMMUNITY)
        ));
    }

    #[test]
    fn tutors_admit_members_but_not_other_tutors() {
        let tutor = actor(true, &[(Role::CommunityTutor, NATIONAL_COMMUNITY)]);
        let here = Target::In(NATIONAL_COMMUNITY);
        assert!(can(
            Some(&tutor),
            Action::Appoint(Role::CommunityMember),
            here
        ));
        assert!(!can(
            Some(&tutor),
            Action::Appoint(Role::CommunityTutor),
            here
        ));
        assert!(can(Some(&tutor), Action::ViewTeam, here));
        assert!(can(Some(&tutor), Action::OpenCommunity, here));
        assert!(!can(
            Some(&tutor),
            Action::ViewTeam,
            Target::In(URP_COMMUNITY)
        ));
    }

    #[test]
    fn silenced_members_read_and_suspended_members_do_not_enter() {
        use crate::auth::model::Restriction;
        let here = Target::In(NATIONAL_COMMUNITY);
        let mut member = actor(true, &[(Role::CommunityMember, NATIONAL_COMMUNITY)]);
        assert!(can(Some(&member), Action::PostInCommunity, here));
        assert!(!can(Some(&member), Action::ModerateCommunity, here));
        member.restrictions.push(Restriction {
            community: 8,
            kind: RestrictionKind::Silence,
        });
        assert!(can(Some(&member), Action::OpenCommunity, here));
        assert!(!can(Some(&member), Action::PostInCommunity, here));
        // A restriction elsewhere changes nothing here.
        member.restrictions[0].community = 7;
        assert!(can(Some(&member), Action::PostInCommunity, here));
        member.restrictions.push(Restriction {
            community: 8,
            kind: RestrictionKind::Suspension,
        });
        assert!(!can(Some(&member), Action::OpenCommunity, here));
        assert!(!can(Some(&member), Action::PostInCommunity, here));
        let tutor = actor(true, &[(Role::CommunityTutor, NATIONAL_COMMUNITY)]);
        assert!(can(Some(&tutor), Action::ModerateCommunity, here));
        assert!(!can(
            Some(&tutor),
            Action::ModerateCommunity,
            Target::In(URP_COMMUNITY)
        ));
    }

    #[test]
    fn operators_open_the_dashboard_but_do_not_manage_the_team() {
        let op = actor(true, &[(Role::SocialMedia, Scope::Ente(LUGO))]);
        let lugo = Target::In(Scope::Ente(LUGO));
        assert!(can(Some(&op), Action::OpenDashboard, lugo));
        assert!(!can(
            Some(&op),
            Action::OpenDashboard,
            Target::In(Scope::Ente(COTIGNOLA))
        ));
        assert!(!can(Some(&op), Action::ViewTeam, lugo));
        assert!(!can(Some(&op), Action::ViewAuditLog, lugo));
    }

    #[test]
    fn platform_admins_do_everything_but_act_as_someone_else() {
        let admin = actor(true, &[(Role::PlatformAdmin, Scope::Platform)]);
        assert!(can(Some(&admin), Action::ViewOutbox, Target::Site));
        assert!(can(Some(&admin), Action::ViewAuditLog, Target::Site));
        assert!(can(
            Some(&admin),
            Action::Appoint(Role::PlatformAdmin),
            Target::In(Scope::Platform)
        ));
        assert!(can(
            Some(&admin),
            Action::OpenCommunity,
            Target::In(NATIONAL_COMMUNITY)
        ));
        assert!(!can(
            Some(&admin),
            Action::DeleteOwnAccount,
            Target::In(Scope::Ente(LUGO))
        ));
    }

    #[test]
    fn consultations_are_run_by_admins_operators_and_the_urp() {
        let lugo = Target::In(Scope::Ente(LUGO));
        for role in [Role::EnteAdmin, Role::EnteOperator, Role::Urp] {
            let a = actor(true, &[(role, Scope::Ente(LUGO))]);
            assert!(can(Some(&a), Action::ManageConsultations, lugo), "{role:?}");
            assert!(!can(
                Some(&a),
                Action::ManageConsultations,
                Target::In(Scope::Ente(COTIGNOLA))
            ));
        }
        for role in [Role::SocialMedia, Role::PressOffice] {
            let a = actor(true, &[(role, Scope::Ente(LUGO))]);
            assert!(
                !can(Some(&a), Action::ManageConsultations, lugo),
                "{role:?}"
            );
        }
    }

    #[test]
    fn the_social_team_is_its_operators_and_the_ente_admins() {
        let lugo = Target::In(Scope::Ente(LUGO));
        for role in [Role::EnteAdmin, Role::SocialMedia] {
            let a = actor(true, &[(role, Scope::Ente(LUGO))]);
            assert!(can(Some(&a), Action::ManageSocial, lugo), "{role:?}");
            assert!(!can(
                Some(&a),
                Action::ManageSocial,
                Target::In(Scope::Ente(COTIGNOLA))
            ));
        }
        for role in [Role::EnteOperator, Role::PressOffice, Role::Urp] {
            let a = actor(true, &[(role, Scope::Ente(LUGO))]);
            assert!(!can(Some(&a), Action::ManageSocial, lugo), "{role:?}");
        }
        assert!(!can(None, Action::ManageSocial, lugo));
    }

    #[test]
    fn the_mail_outbox_is_for_platform_admins_only() {
        let ente_admin = actor(true, &[(Role::EnteAdmin, Scope::Ente(LUGO))]);
        assert!(!can(Some(&ente_admin), Action::ViewOutbox, Target::Site));
        assert!(can(
            Some(&ente_admin),
            Action::ViewAuditLog,
            Target::In(Scope::Ente(LUGO))
        ));
        assert!(!can(Some(&ente_admin), Action::ViewAuditLog, Target::Site));
    }

    #[test]
    fn who_creates_communities() {
        let platform = Target::In(Scope::Platform);
        let lugo = Target::In(Scope::Ente(LUGO));
        let tutor = actor(true, &[(Role::CommunityTutor, NATIONAL_COMMUNITY)]);
        let member = actor(true, &[(Role::CommunityMember, NATIONAL_COMMUNITY)]);
        let ente_admin = actor(true, &[(Role::EnteAdmin, Scope::Ente(LUGO))]);
        assert!(can(Some(&tutor), Action::CreateCommunity, platform));
        assert!(!can(Some(&tutor), Action::CreateCommunity, lugo));
        assert!(!can(Some(&member), Action::CreateCommunity, platform));
        assert!(can(Some(&ente_admin), Action::CreateCommunity, lugo));
        assert!(!can(
            Some(&ente_admin),
            Action::CreateCommunity,
            Target::In(Scope::Ente(COTIGNOLA))
        ));
        assert!(!can(Some(&ente_admin), Action::CreateCommunity, platform));
        assert_eq!(
            decide(None, Action::CreateCommunity, platform),
            Decision::NeedsLogin
        );
    }
}
