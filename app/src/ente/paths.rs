//! The addresses of an ente's public pages that other modules link to: the model's
//! sections (Amministrazione, Novità, Servizi, Vivere il Comune, the topics, the
//! footer's pages) and the feeds.

/// Where an ente's feeds are, for other programs (served by the server's `site`).
pub mod feeds {
    /// The news as Atom and as RSS.
    pub fn news_atom(ente: &str) -> String {
        format!("/{ente}/notizie/feed.atom")
    }

    pub fn news_rss(ente: &str) -> String {
        format!("/{ente}/notizie/rss.xml")
    }

    /// The press releases alone, for newsrooms.
    pub fn releases_atom(ente: &str) -> String {
        format!("/{ente}/comunicati/feed.atom")
    }

    pub fn releases_rss(ente: &str) -> String {
        format!("/{ente}/comunicati/rss.xml")
    }

    /// The agenda as a calendar to subscribe to, and one event to add to one.
    pub fn agenda(ente: &str) -> String {
        format!("/{ente}/eventi/calendario.ics")
    }

    pub fn event(ente: &str, slug: &str) -> String {
        format!("/{ente}/eventi/{slug}/calendario.ics")
    }

    /// The places as GeoJSON.
    pub fn places(ente: &str) -> String {
        format!("/{ente}/luoghi/mappa.geojson")
    }
}

/// The model's sections and the footer's pages.
pub mod sections {
    pub fn administration(ente: &str) -> String {
        format!("/{ente}/amministrazione")
    }

    pub fn news(ente: &str) -> String {
        format!("/{ente}/novita")
    }

    pub fn services(ente: &str) -> String {
        format!("/{ente}/servizi")
    }

    pub fn live(ente: &str) -> String {
        format!("/{ente}/vivere-il-comune")
    }

    pub fn topics(ente: &str) -> String {
        format!("/{ente}/argomenti")
    }

    /// The page of one topic: what the site holds about it.
    pub fn topic(ente: &str, topic: &str) -> String {
        format!("/{ente}/argomenti/{topic}")
    }

    pub fn faq(ente: &str) -> String {
        format!("/{ente}/faq")
    }

    /// Where an inefficiency is reported (a form, until the reports module).
    pub fn report_inefficiency(ente: &str) -> String {
        format!("/{ente}/segnala-disservizio")
    }

    /// Subscribing to the ente's newsletters (linked from every page's footer).
    pub fn newsletter(ente: &str) -> String {
        format!("/{ente}/newsletter")
    }

    /// The press office's page for journalists.
    pub fn press_kit(ente: &str) -> String {
        format!("/{ente}/ufficio-stampa")
    }

    pub fn legal_notes(ente: &str) -> String {
        format!("/{ente}/note-legali")
    }

    /// The page of a service.
    pub fn service(ente: &str, slug: &str) -> String {
        format!("/{ente}/servizi/{slug}")
    }

    /// Where an appointment with an office is booked.
    pub fn booking(ente: &str) -> String {
        format!("/{ente}/prenota-appuntamento")
    }
}
