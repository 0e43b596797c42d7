//! The quiz's state without any DOM: a practice run over the bank's questions, the learner's
//! draft answer and the feedback on it. Plain Rust over `quiz_engine::Practice`.

use quiz_engine::{Answer, Bank, Body, Course, Grade, Practice, Question};
use serde::Deserialize;

use super::draft::Draft;

/// What the preprocessor embeds in the page for an `ec2lab-quiz` block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct QuizConfig {
    pub bank: String,
    #[serde(default)]
    pub title: String,
    pub questions: Vec<Question>,
}

/// One learner's practice run.
#[derive(Debug, Clone)]
pub struct QuizModel {
    title: String,
    course: Course,
    practice: Practice,
    draft: Draft,
    feedback: Option<Grade>,
    total: usize,
}

impl QuizModel {
    pub fn new(config: QuizConfig) -> QuizModel {
        let ids: Vec<String> = config.questions.iter().map(|q| q.id.clone()).collect();
        let total = ids.len();
        let bank = Bank {
            id: config.bank,
            title: config.title.clone(),
            questions: config.questions,
            pos: Default::default(),
        };
        let course = Course { banks: vec![bank], ..Default::default() };
        let mut model = QuizModel {
            title: config.title,
            course,
            practice: Practice::new(ids),
            draft: Draft::Lab,
            feedback: None,
            total,
        };
        model.reset_draft();
        model
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The question on screen, or `None` when the round is over.
    pub fn current(&self) -> Option<&Question> {
        self.course.question(self.practice.current()?)
    }

    /// 1-based position in this round, and the round's length.
    pub fn position(&self) -> (usize, usize) {
        (self.practice.position + 1, self.practice.queue.len())
    }

    pub fn round(&self) -> u32 {
        self.practice.round
    }

    pub fn total(&self) -> usize {
        self.total
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn feedback(&self) -> Option<&Grade> {
        self.feedback.as_ref()
    }

    pub fn round_over(&self) -> bool {
        self.practice.round_over()
    }

    pub fn finished(&self) -> bool {
        self.practice.finished()
    }

    pub fn missed(&self) -> usize {
        self.practice.missed.len()
    }

    /// Questions answered right at the first attempt.
    pub fn first_try(&self) -> usize {
        self.practice.outcomes.values().filter(|o| o.first_try).count()
    }

    /// Picks option `i`: replaces the choice for single answers, toggles it for multiple.
    pub fn choose(&mut self, i: usize) {
        if self.feedback.is_some() {
            return;
        }
        let multiple = matches!(self.current().map(|q| &q.body), Some(Body::Multiple { .. }));
        self.draft.choose(i, multiple);
    }

    pub fn set_bool(&mut self, value: bool) {
        if self.feedback.is_none() {
            self.draft.set_bool(value);
        }
    }

    /// Moves the item at `position` one place up (`up`) or down in the learner's order.
    pub fn move_item(&mut self, position: usize, up: bool) {
        if self.feedback.is_none() {
            self.draft.move_item(position, up);
        }
    }

    pub fn set_text(&mut self, text: String) {
        if self.feedback.is_none() {
            self.draft.set_text(text);
        }
    }

    /// Grades the draft. Returns the question id, answer and grade for the caller to persist,
    /// or `None` when there is nothing to grade yet.
    pub fn check(&mut self) -> Option<(String, Answer, Grade)> {
        if self.feedback.is_some() {
            return None;
        }
        let question = self.current()?;
        let id = question.id.clone();
        let answer = self.draft.to_answer(question)?;
        let grade = self.practice.answer(&self.course, &answer).ok()?;
        self.feedback = Some(grade.clone());
        Some((id, answer, grade))
    }

    /// Moves to the next question (an unanswered one counts as missed).
    pub fn next(&mut self) {
        if self.practice.next().is_ok() {
            self.feedback = None;
            self.reset_draft();
        }
    }

    /// Starts a round of only the questions missed in the last one.
    pub fn retry_missed(&mut self) {
        if self.practice.retry_missed().is_ok() {
            self.feedback = None;
            self.reset_draft();
        }
    }

    /// Starts over from the first question.
    pub fn restart(&mut self) {
        let ids = self.course.questions().map(|q| q.id.clone()).collect();
        self.practice = Practice::new(ids);
        self.feedback = None;
        self.reset_draft();
    }

    fn reset_draft(&mut self) {
        self.draft = self.current().map_or(Draft::Lab, Draft::for_question);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANK: &str = "bank: t\ntitle: Test bank\nlesson: intro.md\n\n\
## t-single\ntype: single\n\nWhich?\n\n- [ ] A\n  > no\n- [x] B\n  > yes\n\n\
## t-multi\ntype: multiple\nchoose: 2\n\nWhich two?\n\n- [x] A\n  > yes\n- [x] B\n  > yes\n- [ ] C\n  > no\n\n\
## t-order\ntype: ordering\n\nOrder them.\n\n1. first\n   > one\n2. second\n   > two\n3. third\n   > three\n";

    fn model() -> QuizModel {
        let bank = quiz_engine::parse_bank("content/questions/t.md", BANK).expect("test bank parses");
        QuizModel::new(QuizConfig { bank: bank.id, title: bank.title, questions: bank.questions })
    }

    #[test]
    fn nothing_to_grade_until_an_option_is_chosen() {
        let mut m = model();
        assert!(m.check().is_none());
        m.choose(1);
        let (id, answer, grade) = m.check().expect("graded");
        assert_eq!((id.as_str(), answer, grade.correct), ("t-single", Answer::Single(1), true));
        // Feedback is showing: the choice is frozen.
        m.choose(0);
        assert_eq!(m.draft(), &Draft::Choices(vec![1]));
    }

    #[test]
    fn multiple_toggles_and_missed_questions_come_back() {
        let mut m = model();
        m.choose(1);
        m.check();
        m.next();
        m.choose(0);
        m.choose(2);
        m.choose(2);
        assert_eq!(m.draft(), &Draft::Choices(vec![0]));
        m.choose(2);
        let (_, _, grade) = m.check().expect("graded");
        assert!(!grade.correct);
        m.next();
        m.next(); // skip the ordering question: missed too
        assert!(m.round_over());
        assert_eq!(m.missed(), 2);
        m.retry_missed();
        assert_eq!((m.round(), m.position()), (2, (1, 2)));
        assert_eq!(m.current().map(|q| q.id.as_str()), Some("t-multi"));
    }

    #[test]
    fn ordering_moves_items_and_grades_the_result() {
        let mut m = model();
        m.next();
        m.next();
        let Draft::Order(start) = m.draft().clone() else { panic!("ordering draft") };
        assert_ne!(start, vec![0, 1, 2]);
        // Bubble the items into the right order with the up buttons.
        for _ in 0..3 {
            for pos in 1..3 {
                if let Draft::Order(o) = m.draft().clone()
                    && o[pos] < o[pos - 1]
                {
                    m.move_item(pos, true);
                }
            }
        }
        assert_eq!(m.draft(), &Draft::Order(vec![0, 1, 2]));
        assert!(m.check().expect("graded").2.correct);
    }
}
