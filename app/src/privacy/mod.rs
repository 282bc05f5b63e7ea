//! Personal data (GDPR): the export of everything kept about a person (art. 15 and
//! 20). Erasure is the account's own (`account::erasure`), since it must
//! keep the account row that public contributions point at.

#[cfg(feature = "ssr")]
pub mod export;
