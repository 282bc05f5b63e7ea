//! The demo people, as the tests sign them in: the same addresses and password as
//! the demo data (`piazza_server::demo::people`), defined once there.

#[allow(unused_imports)]
pub use piazza_server::demo::people::{
    ADMIN, CHIARA, DEFAULT_PASSWORD as DEMO, ELENA, GIULIA, LUCA, MARCO, PAOLO, SARA,
};
