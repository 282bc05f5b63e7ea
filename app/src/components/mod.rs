//! Pieces of interface shared by every module.

pub mod layout;
