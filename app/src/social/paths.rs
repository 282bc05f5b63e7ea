//! The addresses of the social-media team's pages, which its sidebar and every part
//! link to.

/// The address of the plan and of an item.
pub fn plan_path(ente: &str) -> String {
    format!("/gestione/{ente}/social/piano")
}

pub fn item_path(ente: &str, id: i64) -> String {
    format!("/gestione/{ente}/social/piano/{id}")
}

pub fn kpi_path(ente: &str) -> String {
    format!("/gestione/{ente}/social/kpi")
}

pub fn training_path(ente: &str) -> String {
    format!("/gestione/{ente}/social/formazione")
}
