//! What the work areas show.

use crate::auth::model::Role;
use crate::community::model::{CommunityPerson, CommunityRef};
use crate::components::chart::Bar;
use crate::ente::model::{EnteRef, Kit, Module};
use serde::{Deserialize, Serialize};

/// An ente or community someone works in, with their roles there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkPlace {
    pub slug: String,
    pub name: String,
    pub roles: Vec<Role>,
}

/// `/gestione`: every place the signed-in person works in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkArea {
    pub enti: Vec<WorkPlace>,
    pub communities: Vec<WorkPlace>,
    pub platform_admin: bool,
}

/// A module of the ente's kit and its dates, shown on the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModuleState {
    pub module: Module,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub active: bool,
}

/// The dashboard of one ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub ente: EnteRef,
    /// Other enti the person can switch to: (slug, name).
    pub switcher: Vec<(String, String)>,
    pub roles: Vec<Role>,
    pub manage_team: bool,
    pub view_audit: bool,
    /// The ente has consultations and this person may run them.
    pub manage_consultations: bool,
    /// This person works in the ente's social-media team.
    pub manage_social: bool,
    /// This person works on the ente's institutional site (and reads its page ratings).
    #[serde(default)]
    pub manage_site: bool,
    /// This person runs the ente's press office (its journalists list).
    #[serde(default)]
    pub manage_press: bool,
    pub kit: Kit,
    pub modules: Vec<ModuleState>,
    pub team_size: i64,
    pub pending_invitations: i64,
    /// Actions recorded for this ente per day, the last 30 days.
    pub activity: Vec<Bar>,
}

/// The reserved home of a community.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunityHome {
    pub community: CommunityRef,
    pub ente_name: Option<String>,
    pub people: Vec<CommunityPerson>,
    pub manage: bool,
    /// Other communities the person belongs to: (slug, name).
    pub switcher: Vec<(String, String)>,
    /// The forum's most recent threads.
    pub latest: Vec<crate::forum::model::ThreadSummary>,
    pub cover: Option<crate::upload::model::FileView>,
}
