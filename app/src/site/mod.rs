//! The public site of an ente (OpenCity): the list of enti, an ente's home page, its
//! search, and the pages every site must have (privacy, accessibility). The news,
//! events and places it shows are `content`; the frame around each page is
//! `ente::brand`.

pub mod faq;
pub mod inefficiency;
pub mod legal;
pub mod search;
pub mod server;
pub mod topics;
pub mod views;
