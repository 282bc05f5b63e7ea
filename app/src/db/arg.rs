//! Values bound to `$N` placeholders. Every variant carries its SQL type even when the
//! value is NULL, because PostgreSQL needs the type of each parameter.

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    I64(Option<i64>),
    F64(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Date(Option<NaiveDate>),
    Time(Option<DateTime<Utc>>),
    Bytes(Option<Vec<u8>>),
}

macro_rules! arg_from {
    ($variant:ident, $ty:ty) => {
        impl From<$ty> for Arg {
            fn from(v: $ty) -> Arg {
                Arg::$variant(Some(v.into()))
            }
        }
        impl From<Option<$ty>> for Arg {
            fn from(v: Option<$ty>) -> Arg {
                Arg::$variant(v.map(Into::into))
            }
        }
    };
}

arg_from!(I64, i64);
arg_from!(I64, i32);
arg_from!(I64, crate::ids::EnteId);
arg_from!(I64, crate::ids::AccountId);
arg_from!(I64, crate::ids::CommunityId);
arg_from!(F64, f64);
arg_from!(Bool, bool);
arg_from!(Text, String);
arg_from!(Text, &str);
arg_from!(Date, NaiveDate);
arg_from!(Bytes, Vec<u8>);

/// Times are kept to the microsecond, the precision both databases store, so that a
/// value reads back the same on SQLite and PostgreSQL.
impl From<DateTime<Utc>> for Arg {
    fn from(v: DateTime<Utc>) -> Arg {
        Arg::Time(Some(v.trunc_subsecs(6)))
    }
}

impl From<Option<DateTime<Utc>>> for Arg {
    fn from(v: Option<DateTime<Utc>>) -> Arg {
        Arg::Time(v.map(|t| t.trunc_subsecs(6)))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(Some(v.clone()))
    }
}

impl From<Option<&String>> for Arg {
    fn from(v: Option<&String>) -> Arg {
        Arg::Text(v.cloned())
    }
}
