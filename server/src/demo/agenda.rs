//! What the demo's events are about, for whom and how they repeat: the weekly market
//! (one week skipped), the library's readings every week, the antiques market on the
//! same weekday of every month, the others once.

use app::content::model::EventCategory;
use app::content::recurrence::{Freq, MonthDay, Rule};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Europe::Rome;

/// How a demo event repeats: (frequency, months it goes on, weeks skipped after the first).
type Repeat = (Freq, u32, &'static [u64]);

pub struct Details {
    pub category: EventCategory,
    pub topic: &'static str,
    pub audience: &'static str,
    pub price: &'static str,
    pub organiser: &'static str,
    pub registration_url: &'static str,
    repeat: Option<Repeat>,
}

const ONCE: Details = Details {
    category: EventCategory::Other,
    topic: "",
    audience: "Tutta la cittadinanza",
    price: "Ingresso libero",
    organiser: "",
    registration_url: "",
    repeat: None,
};

pub fn of(slug: &str) -> Details {
    use EventCategory::*;
    match slug {
        "mercato-pavaglione" => Details {
            category: Market,
            topic: "Mercato",
            organiser: "Comune di Lugo, Servizio attività produttive",
            repeat: Some((Freq::Weekly, 6, &[3])),
            ..ONCE
        },
        "stagione-teatro-rossini" => Details {
            category: Culture,
            topic: "Tempo libero",
            price: "Da 12 a 25 euro; ridotto under 26",
            organiser: "Teatro Rossini",
            registration_url: "https://www.teatrorossini.example.it/biglietti",
            ..ONCE
        },
        "letture-biblioteca" => Details {
            category: Culture,
            topic: "Tempo libero",
            audience: "Bambini dai 3 ai 6 anni e le loro famiglie",
            organiser: "Biblioteca Fabrizio Trisi",
            repeat: Some((Freq::Weekly, 4, &[])),
            ..ONCE
        },
        "mostra-stampe" => Details {
            category: Culture,
            topic: "Tempo libero",
            organiser: "Museo civico delle Cappuccine",
            ..ONCE
        },
        "mercatino-piazza-nuova" => Details {
            category: Market,
            topic: "Mercato",
            organiser: "Pro Loco di Bagnacavallo",
            repeat: Some((Freq::Monthly, 8, &[])),
            ..ONCE
        },
        "camminata-senio" => Details {
            category: Sport,
            topic: "Sport",
            organiser: "CAI Lugo, sezione di Cotignola",
            registration_url: "https://www.cai-lugo.example.it/camminate",
            ..ONCE
        },
        "laboratorio-strategia-social" | "webinar-policy-social" => Details {
            category: Training,
            topic: "Comunicazione istituzionale",
            audience: "Referenti della comunicazione dei Comuni",
            organiser: "Unione dei Comuni della Bassa Romagna",
            ..ONCE
        },
        _ => ONCE,
    }
}

impl Details {
    /// The rule and the days skipped, for a series whose first occurrence starts at `starts`.
    pub fn rule(&self, starts: DateTime<Utc>) -> (Option<Rule>, Vec<NaiveDate>) {
        let Some((freq, months, skipped_weeks)) = self.repeat else {
            return (None, Vec::new());
        };
        let first = starts.with_timezone(&Rome).date_naive();
        let nth = ((first.day() - 1) / 7 + 1) as i8;
        let rule = Rule {
            freq,
            interval: 1,
            weekdays: Vec::new(),
            month_day: if freq == Freq::Monthly {
                MonthDay::Nth(if nth > 4 { -1 } else { nth }, first.weekday())
            } else {
                MonthDay::Date
            },
            until: first + chrono::Months::new(months),
        };
        let skipped = skipped_weeks
            .iter()
            .filter_map(|w| first.checked_add_days(Days::new(7 * w)))
            .collect();
        (Some(rule), skipped)
    }
}
