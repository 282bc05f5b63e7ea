//! The schema.org GovernmentService of a service (server only), with the fields
//! AgID's validator checks (R.SI.1.1): name, type, operator, area served, audience,
//! the channel's address and the office's postal address, all as strings.

use super::model::ServiceDetail;
use crate::i18n::Lang;

/// The schema.org GovernmentService of a service, with the fields AgID checks.
pub fn government_service(
    s: &ServiceDetail,
    ente: &crate::ente::model::Ente,
    url: &str,
    lang: Lang,
) -> serde_json::Value {
    let audience = crate::markdown::plain(&s.audience_source);
    let office = s.office.clone().unwrap_or_default();
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": s.card.title,
        "description": s.card.summary,
        "url": url,
        "serviceType": lang.t(s.card.category.label()),
        "serviceOperator": {"@type": "GovernmentOrganization", "name": ente.name},
        "areaServed": {"@type": "AdministrativeArea", "name": ente.name},
        "audience": {"@type": "Audience", "audienceType": audience},
        "availableChannel": {
            "@type": "ServiceChannel",
            "serviceUrl": if s.access_url.starts_with("https://") || s.access_url.starts_with("http://") {
                s.access_url.clone()
            } else {
                url.to_string()
            },
            "serviceLocation": {
                "@type": "Place",
                "name": if office.name.is_empty() { ente.name.clone() } else { office.name.clone() },
                "address": postal_address(if office.address.is_empty() { &ente.address } else { &office.address }),
            },
        },
    })
}

/// An Italian address written "Via Roma 1, 48022 Lugo (RA)" as schema.org's parts.
fn postal_address(address: &str) -> serde_json::Value {
    let (street, rest) = address.split_once(',').unwrap_or((address, ""));
    let rest = rest.trim();
    let (cap, town) = match rest.split_once(' ') {
        Some((cap, town)) if cap.len() == 5 && cap.chars().all(|c| c.is_ascii_digit()) => {
            (cap, town)
        }
        _ => ("", rest),
    };
    let town = town.split(" (").next().unwrap_or(town);
    serde_json::json!({
        "@type": "PostalAddress",
        "streetAddress": street.trim(),
        "postalCode": cap,
        "addressLocality": town.trim(),
        "addressCountry": "IT",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_italian_address_in_parts() {
        let a = postal_address("Piazza dei Martiri 1, 48022 Lugo (RA)");
        assert_eq!(a["streetAddress"], "Piazza dei Martiri 1");
        assert_eq!(a["postalCode"], "48022");
        assert_eq!(a["addressLocality"], "Lugo");
        let b = postal_address("Via Roma 3");
        assert_eq!(b["streetAddress"], "Via Roma 3");
        assert_eq!(b["postalCode"], "");
    }

    #[test]
    fn the_audience_in_plain_text() {
        // What the JSON-LD's audienceType is made of: "A chi è rivolto" as written.
        assert_eq!(
            crate::markdown::plain("Famiglie con figli & tutori\n\n- di 0-3 anni"),
            "Famiglie con figli & tutori di 0-3 anni"
        );
    }
}
