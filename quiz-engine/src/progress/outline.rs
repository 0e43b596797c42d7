//! The course's outline: each bank's questions (id and domain), every flashcard id and every lab
//! id. It is all
//! the dashboard and the classroom CSV need, small enough for a page to carry (the full course,
//! with every question's text, is not).

use serde::{Deserialize, Serialize};

use crate::course::Course;

/// One question as the outline keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineQuestion {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

/// One bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineBank {
    pub id: String,
    pub title: String,
    pub questions: Vec<OutlineQuestion>,
}

/// The whole course in outline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    pub banks: Vec<OutlineBank>,
    /// Every flashcard id, over all decks.
    pub cards: Vec<String>,
    /// Every lab id.
    #[serde(default)]
    pub labs: Vec<String>,
}

impl Outline {
    pub fn of(course: &Course) -> Outline {
        Outline {
            banks: course
                .banks
                .iter()
                .map(|b| OutlineBank {
                    id: b.id.clone(),
                    title: b.title.clone(),
                    questions: b
                        .questions
                        .iter()
                        .map(|q| OutlineQuestion { id: q.id.clone(), domain: q.domain.clone() })
                        .collect(),
                })
                .collect(),
            cards: course.decks.iter().flat_map(|d| d.cards.iter().map(|c| c.id.clone())).collect(),
            labs: course.labs.iter().map(|l| l.id.clone()).collect(),
        }
    }

    /// Labs completed in `progress` (recorded by the lab widget under `lab:<id>`), of all labs.
    pub fn labs_done(&self, progress: &super::Progress) -> (usize, usize) {
        let done = self
            .labs
            .iter()
            .filter(|id| progress.questions.get(&format!("lab:{id}")).is_some_and(|q| q.correct > 0))
            .count();
        (done, self.labs.len())
    }

    /// The bank and domain of question `id`.
    pub fn find(&self, id: &str) -> Option<(&OutlineBank, &OutlineQuestion)> {
        self.banks.iter().find_map(|b| b.questions.iter().find(|q| q.id == id).map(|q| (b, q)))
    }
}
