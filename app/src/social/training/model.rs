//! The training-needs analysis (rilevazione dei fabbisogni formativi) as the
//! interface sees it: the skills of a social-media team, the levels, the default
//! questionnaire (made with the questionnaire engine), the skills-gap matrix and
//! the training paths suggested from it. Shared by browser and server.

use crate::components::chart::Bar;
use crate::i18n::{Lang, T};
use crate::questionnaire::model::{Choice, Kind, Question, Questionnaire, Section};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The skills asked about: (row id of the matrix, name).
pub const SKILLS: [(&str, T); 10] = [
    ("s1", T::SkillWriting),
    ("s2", T::SkillVisual),
    ("s3", T::SkillVideo),
    ("s4", T::SkillAnalytics),
    ("s5", T::SkillModeration),
    ("s6", T::SkillCrisis),
    ("s7", T::SkillAccessibility),
    ("s8", T::SkillLaw),
    ("s9", T::SkillPlanning),
    ("s10", T::SkillAds),
];

/// The levels of the scale, from none (0) to expert (4).
pub const LEVELS: [T; 5] = [
    T::LevelNone,
    T::LevelBasic,
    T::LevelIntermediate,
    T::LevelGood,
    T::LevelExpert,
];

/// The id of a level on the matrix's scale (`l0`…`l4`), and back.
pub fn level_id(level: usize) -> String {
    format!("l{level}")
}

pub fn level_of(id: &str) -> Option<usize> {
    id.strip_prefix('l')
        .and_then(|n| n.parse().ok())
        .filter(|n: &usize| *n < LEVELS.len())
}

/// The question holding the skills matrix.
pub const MATRIX: &str = "q1";

/// The questionnaire a new survey starts with, in the language of who starts it.
pub fn default_questionnaire(lang: Lang) -> Questionnaire {
    let choice = |id: &str, t: T| Choice::new(id, lang.t(t));
    Questionnaire {
        sections: vec![
            Section {
                title: lang.t(T::TrainingSectionSkills).to_string(),
                description: lang.t(T::TrainingSectionSkillsHelp).to_string(),
                questions: vec![Question {
                    id: MATRIX.into(),
                    label: lang.t(T::TrainingSkillsQuestion).to_string(),
                    help: String::new(),
                    required: true,
                    kind: Kind::Matrix {
                        rows: SKILLS.iter().map(|(id, t)| choice(id, *t)).collect(),
                        scale: LEVELS
                            .iter()
                            .enumerate()
                            .map(|(i, t)| choice(&level_id(i), *t))
                            .collect(),
                    },
                    show_if: None,
                }],
            },
            Section {
                title: lang.t(T::TrainingSectionPreferences).to_string(),
                description: String::new(),
                questions: vec![
                    Question {
                        id: "q2".into(),
                        label: lang.t(T::TrainingFormatQuestion).to_string(),
                        help: String::new(),
                        required: false,
                        kind: Kind::SingleChoice {
                            options: vec![
                                choice("f1", T::TrainingFormatWebinar),
                                choice("f2", T::TrainingFormatLab),
                                choice("f3", T::TrainingFormatCoaching),
                                choice("f4", T::TrainingFormatCourse),
                            ],
                        },
                        show_if: None,
                    },
                    Question {
                        id: "q3".into(),
                        label: lang.t(T::TrainingWishQuestion).to_string(),
                        help: String::new(),
                        required: false,
                        kind: Kind::LongText { max_len: 1000 },
                        show_if: None,
                    },
                ],
            },
        ],
    }
}

/// The path (CO-OP's percorsi) suggested for a gap: one level short, a webinar;
/// two, webinar and lab; three or more, webinar, lab and the community.
pub fn path_for(gap: usize) -> Option<T> {
    match gap {
        0 => None,
        1 => Some(T::TrainingPath1),
        2 => Some(T::TrainingPath2),
        _ => Some(T::TrainingPath3),
    }
}

/// One person's row of the matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonSkills {
    pub name: String,
    /// Level per skill, in [`SKILLS`] order (None: not answered).
    pub levels: Vec<Option<usize>>,
    /// The suggested path for each skill short of what is required: (skill, gap, path).
    pub suggestions: Vec<(String, usize, T)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingPage {
    pub ente_slug: String,
    pub ente_name: String,
    /// None until someone starts the survey.
    pub survey: Option<SurveyView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyView {
    pub id: i64,
    pub questionnaire: Questionnaire,
    /// The reader's answers so far, as form fields.
    pub mine: BTreeMap<String, String>,
    pub answered: bool,
    /// The skills' names, in order.
    pub skills: Vec<String>,
    /// The level required for each skill.
    pub required: Vec<usize>,
    pub people: Vec<PersonSkills>,
    /// The team members who have not answered yet.
    pub missing: Vec<String>,
    /// The average gap per skill (how far the team is, on average, from what is required).
    pub gaps: Vec<Bar>,
    /// The skills most short in the team, with the path suggested for the team.
    pub priorities: Vec<(String, T)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_survey_is_a_valid_questionnaire_with_the_skills_matrix() {
        let q = default_questionnaire(Lang::It);
        assert!(q.check().is_empty(), "{:?}", q.check());
        match &q.question(MATRIX).map(|x| x.kind.clone()) {
            Some(Kind::Matrix { rows, scale }) => {
                assert_eq!(rows.len(), SKILLS.len());
                assert_eq!(scale.len(), LEVELS.len());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(level_of("l4"), Some(4));
        assert_eq!(level_of("l5"), None);
        assert_eq!(path_for(0), None);
        assert_eq!(path_for(4), Some(T::TrainingPath3));
    }
}
