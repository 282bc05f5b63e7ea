//! Pieces of interface shared by every module.

pub mod brand;
pub mod calendar;
pub mod cards;
pub mod chart;
pub mod dialog;
pub mod form;
pub mod header;
pub mod layout;
pub mod live;
pub mod map;
pub mod nav;
pub mod sharing;
pub mod shell;
pub mod table;
pub mod toast;
pub mod user_menu;
