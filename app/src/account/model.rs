//! Validated account inputs and the profile, shared by browser and server.

use crate::i18n::T;
use crate::ids::EnteId;
use crate::text::Bounded;
use serde::{Deserialize, Serialize};

/// An email address, trimmed and lowercased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` with no spaces, at most 254 characters (no dot at the
    /// edges of the local part nor two in a row, as RFC 5322 wants them), none of them
    /// invisible (zero-width, direction overrides: an address must read as it is) and
    /// no label of the domain starting or ending with a hyphen.
    pub fn parse(s: &str) -> Result<Email, T> {
        let s = s.trim().to_lowercase();
        let valid = s.len() <= 254
            && !s.chars().any(|c| {
                c.is_whitespace() || crate::text::is_invisible(c) || "<>()[],;:\"\\".contains(c)
            })
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !local.starts_with('.')
                        && !local.ends_with('.')
                        && !local.contains("..")
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                        && domain
                            .split('.')
                            .all(|label| !label.starts_with('-') && !label.ends_with('-'))
                }
                None => false,
            };
        if valid {
            Ok(Email(s))
        } else {
            Err(T::ValidationEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The shortest password accepted.
pub const PASSWORD_MIN: usize = 10;
/// The longest (argon2 would take anything, but nobody types more).
pub const PASSWORD_MAX: usize = 128;

/// A new password: 10 to 128 characters, not only digits, not the email address.
pub fn check_password(password: &str, email: Option<&str>) -> Result<(), T> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(T::ValidationPasswordShort);
    }
    if n > PASSWORD_MAX {
        return Err(T::ValidationPasswordLong);
    }
    if password.chars().all(|c| c.is_ascii_digit()) {
        return Err(T::ValidationPasswordDigits);
    }
    if email.is_some_and(|e| password.trim().eq_ignore_ascii_case(e.trim())) {
        return Err(T::ValidationPasswordIsEmail);
    }
    Ok(())
}

/// A display name: 2 to 80 characters once trimmed, no control characters.
pub fn parse_name(name: &str) -> Result<String, T> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    if !(2..=80).contains(&n) || name.chars().any(char::is_control) {
        return Err(T::ValidationName);
    }
    Ok(name)
}

/// An Italian fiscal code (codice fiscale), uppercased, with its check letter verified.
/// Digits may be replaced by letters (omocodia).
pub fn parse_fiscal_code(code: &str) -> Result<String, T> {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    const DIGIT_ODD: [u32; 10] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
    let code: String = code.split_whitespace().collect::<String>().to_uppercase();
    let chars: Vec<char> = code.chars().collect();
    let letters_at = [0, 1, 2, 3, 4, 5, 8, 11, 15];
    let shape_ok = chars.len() == 16
        && chars.iter().all(|c| c.is_ascii_alphanumeric())
        && letters_at.iter().all(|&i| chars[i].is_ascii_uppercase());
    if !shape_ok {
        return Err(T::ValidationFiscalCode);
    }
    let mut sum = 0u32;
    for (i, c) in chars[..15].iter().enumerate() {
        let value = match (c.to_digit(10), i % 2 == 0) {
            (Some(d), true) => DIGIT_ODD[d as usize],
            (Some(d), false) => d,
            (None, true) => ODD[(*c as u8 - b'A') as usize],
            (None, false) => u32::from(*c as u8 - b'A'),
        };
        sum += value;
    }
    let check = char::from(b'A' + (sum % 26) as u8);
    if check == chars[15] {
        Ok(code)
    } else {
        Err(T::ValidationFiscalCode)
    }
}

/// A year of birth between 1900 and `this_year` (people of any age may take part;
/// the year only groups answers by age).
pub fn parse_birth_year(text: &str, this_year: i32) -> Result<Option<i64>, T> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(y) if (1900..=i64::from(this_year)).contains(&y) => Ok(Some(y)),
        _ => Err(T::ValidationBirthYear),
    }
}

/// A topic people can follow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Topic {
    pub id: i64,
    pub slug: String,
    pub name_it: String,
    pub name_en: String,
}

impl Topic {
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::It => &self.name_it,
            crate::i18n::Lang::En => &self.name_en,
        }
    }
}

/// The profile as its owner sees and edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub email: String,
    pub name: String,
    pub verified: bool,
    pub language: String,
    pub residence_ente_id: Option<EnteId>,
    pub birth_year: Option<i64>,
    pub fiscal_code: Option<String>,
    pub topics: Vec<String>,
    /// What fellow members of a community see: job title and skills ("a, b, c").
    pub job_title: String,
    pub skills: String,
    /// How notifications reach them by mail (`notify::model::Digest` code).
    pub digest: String,
}

/// Everything the account page needs: the profile, the choices for its fields, the
/// roles held and the sessions open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub profile: Profile,
    pub topics: Vec<Topic>,
    /// Comuni on this deployment, for the place of residence: (id, name).
    pub comuni: Vec<(EnteId, String)>,
    /// Roles held: (role, where).
    pub roles: Vec<(crate::auth::Role, String)>,
    pub sessions: Vec<SessionView>,
    pub this_year: i32,
}

/// An open session, as shown to its owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub started: String,
    pub last_seen: String,
    pub ip: String,
    pub device: String,
    pub current: bool,
}

/// How an author is shown under their public contributions (comments, answers,
/// posts): their name, or "deleted account" once they erased their account.
pub fn author_label(name: &str, deleted: bool, lang: crate::i18n::Lang) -> String {
    if deleted || name.trim().is_empty() {
        lang.t(T::AccountDeletedAuthor).to_string()
    } else {
        name.to_string()
    }
}

/// An author of public contributions, as read from the database.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Author {
    pub display_name: String,
    pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Author {
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        author_label(&self.display_name, self.deleted_at.is_some(), lang)
    }
}

/// The longest job title of a profile.
pub const JOB_TITLE_MAX_CHARS: usize = 80;
/// Skills on a profile: how many, and how long each.
pub const SKILLS_MAX: usize = 10;
pub const SKILL_MAX_CHARS: usize = 40;

/// Skills as typed ("social media, accessibilità , ,PEC"): trimmed, without empty or
/// repeated items. Too many or too long is refused.
pub fn parse_skills(text: &str) -> Result<Vec<String>, T> {
    let mut out: Vec<String> = Vec::new();
    for item in text.split([',', ';', '\n']) {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if item.is_empty() || out.iter().any(|s| s.to_lowercase() == item.to_lowercase()) {
            continue;
        }
        Bounded::<0, SKILL_MAX_CHARS>::parse(&item).map_err(|_| T::CommunitySkillTooLong)?;
        out.push(item);
    }
    if out.len() > SKILLS_MAX {
        return Err(T::CommunityTooManySkills);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Sindaco@Comune.Lugo.IT ").map(|e| e.as_str().to_string()),
            Ok("sindaco@comune.lugo.it".into())
        );
        for bad in [
            "",
            "no-at",
            "a@b",
            "@comune.it",
            "a@.it",
            "a@comune.",
            "a b@comune.it",
            "a@@comune.it",
            "a@comune..it",
            "<a>@x.it",
            "a@-comune.it",
            "a@comune-.it",
            "mario\u{202E}@comune.it",
            "ma\u{200B}rio@comune.it",
            "mario@comune\u{FEFF}.it",
        ] {
            assert_eq!(Email::parse(bad), Err(T::ValidationEmail), "{bad:?}");
        }
        assert!(Email::parse(&format!("{}@comune.it", "a".repeat(260))).is_err());
    }

    #[test]
    fn passwords_names_and_years() {
        assert_eq!(
            check_password("corta", None),
            Err(T::ValidationPasswordShort)
        );
        assert_eq!(
            check_password("12345678901", None),
            Err(T::ValidationPasswordDigits)
        );
        assert_eq!(
            check_password("mario@comune.it", Some("Mario@comune.it")),
            Err(T::ValidationPasswordIsEmail)
        );
        assert_eq!(
            check_password(&"x".repeat(129), None),
            Err(T::ValidationPasswordLong)
        );
        assert_eq!(check_password("una frase lunga e sicura", None), Ok(()));
        assert_eq!(
            parse_name("  Maria   Rossi "),
            Ok("Maria Rossi".to_string())
        );
        assert_eq!(parse_name("M"), Err(T::ValidationName));
        assert_eq!(parse_name("Ma\u{7}ria"), Err(T::ValidationName));
        assert_eq!(parse_birth_year("", 2026), Ok(None));
        assert_eq!(parse_birth_year("1980", 2026), Ok(Some(1980)));
        assert_eq!(parse_birth_year("2027", 2026), Err(T::ValidationBirthYear));
        assert_eq!(
            parse_birth_year("ottanta", 2026),
            Err(T::ValidationBirthYear)
        );
    }

    #[test]
    fn deleted_authors_lose_their_name() {
        use crate::i18n::Lang;
        assert_eq!(author_label("Maria Rossi", false, Lang::It), "Maria Rossi");
        assert_eq!(
            author_label("Maria Rossi", true, Lang::It),
            "Account eliminato"
        );
        assert_eq!(author_label("", false, Lang::En), "Deleted account");
    }

    #[test]
    fn fiscal_codes_are_checked() {
        assert_eq!(
            parse_fiscal_code("rssmra85t10a562s"),
            Ok("RSSMRA85T10A562S".to_string())
        );
        // Omocodia: digits replaced by letters, with the check letter recomputed.
        assert!(parse_fiscal_code("RSSMRA85T10A56NH").is_ok());
        assert_eq!(
            parse_fiscal_code("RSSMRA85T10A562T"),
            Err(T::ValidationFiscalCode)
        );
        assert_eq!(
            parse_fiscal_code("RSSMRA85T10A562"),
            Err(T::ValidationFiscalCode)
        );
        assert_eq!(
            parse_fiscal_code("1SSMRA85T10A562S"),
            Err(T::ValidationFiscalCode)
        );
    }

    #[test]
    fn skills_are_cleaned_and_limited() {
        assert_eq!(
            parse_skills(" social media, accessibilità ,, PEC; Social  Media"),
            Ok(vec![
                "social media".to_string(),
                "accessibilità".to_string(),
                "PEC".to_string()
            ])
        );
        assert_eq!(parse_skills(""), Ok(vec![]));
        assert_eq!(parse_skills(&"x".repeat(41)), Err(T::CommunitySkillTooLong));
        let many = (0..11)
            .map(|i| format!("s{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_skills(&many), Err(T::CommunityTooManySkills));
    }
}
