//! The whole course: every bank, blueprint and deck, loaded and validated together.

use std::collections::HashMap;

use crate::blueprint::{Blueprint, parse_blueprint};
use crate::deck::{Card, Deck, parse_deck};
use crate::error::{Error, ErrorKind};
use crate::lessons::LessonIndex;
use crate::parse_bank;
use crate::question::{Bank, Body, LessonLink, Pos, Question};

/// Everything under `content/`, parsed and cross-checked.
#[derive(Debug, Clone, Default)]
pub struct Course {
    pub banks: Vec<Bank>,
    pub blueprints: Vec<Blueprint>,
    pub decks: Vec<Deck>,
    /// The labs in `content/labs/`, validated (see [`crate::lab`]).
    pub labs: Vec<crate::lab::Lab>,
    pub lessons: LessonIndex,
}

impl Course {
    /// A course from questions alone (as a widget receives them in its config): one bank per
    /// bank id, in order of first appearance. Nothing is validated again.
    pub fn from_questions(questions: Vec<Question>, blueprints: Vec<Blueprint>, decks: Vec<Deck>) -> Course {
        let mut banks: Vec<Bank> = Vec::new();
        for q in questions {
            match banks.iter_mut().find(|b| b.id == q.bank) {
                Some(bank) => bank.questions.push(q),
                None => banks.push(Bank {
                    id: q.bank.clone(),
                    title: q.bank.clone(),
                    questions: vec![q],
                    pos: Pos::default(),
                }),
            }
        }
        Course { banks, blueprints, decks, ..Course::default() }
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.banks.iter().flat_map(|b| b.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    pub fn bank(&self, id: &str) -> Option<&Bank> {
        self.banks.iter().find(|b| b.id == id)
    }

    pub fn blueprint(&self, id: &str) -> Option<&Blueprint> {
        self.blueprints.iter().find(|b| b.id == id)
    }

    pub fn deck(&self, id: &str) -> Option<&Deck> {
        self.decks.iter().find(|d| d.id == id)
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.decks.iter().flat_map(|d| d.cards.iter()).find(|c| c.id == id)
    }

    /// The questions an exam on `blueprint` draws from: in its banks (all if it names none), in
    /// one of its domains, and not labs (too long for a timed exam).
    pub fn exam_pool(&self, blueprint: &Blueprint) -> Vec<&Question> {
        self.questions()
            .filter(|q| blueprint.banks.is_empty() || blueprint.banks.contains(&q.bank))
            .filter(|q| !matches!(q.body, Body::Lab { .. }))
            .filter(|q| q.domain.as_deref().is_some_and(|d| blueprint.domain(d).is_some()))
            .collect()
    }
}

/// What a file under `content/` is, from its directory.
fn kind_of(path: &str) -> Option<&'static str> {
    let path = path.replace('\\', "/");
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let last = dir.rsplit('/').next().unwrap_or("");
    match last {
        "questions" => Some("bank"),
        "exams" => Some("blueprint"),
        "decks" => Some("deck"),
        "labs" => Some("lab"),
        _ => None,
    }
}

/// Parses and validates the course. `files` are `(path, text)` pairs of everything under
/// `content/` (paths as they should appear in errors, e.g. `content/questions/imds.md`);
/// `lesson_pages` are the book's pages, `SUMMARY.md` included. Returns every mistake found.
pub fn load_course<P, T, Q, U>(files: &[(P, T)], lesson_pages: &[(Q, U)]) -> Result<Course, Vec<Error>>
where
    P: AsRef<str>,
    T: AsRef<str>,
    Q: AsRef<str>,
    U: AsRef<str>,
{
    let pages: Vec<(&str, &str)> = lesson_pages.iter().map(|(p, t)| (p.as_ref(), t.as_ref())).collect();
    let mut files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_ref(), t.as_ref())).collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    let mut course = Course { lessons: LessonIndex::new(&pages), ..Course::default() };
    let mut errors = Vec::new();
    if !pages.iter().any(|(p, _)| crate::lessons::book_relative(p) == "SUMMARY.md") {
        errors.push(Error::new("book/src/SUMMARY.md", 1, ErrorKind::NoSummary));
    }
    let mut bank_errors = false;
    for (path, text) in files {
        let kind = kind_of(path);
        if kind.is_some() && !path.ends_with(".md") {
            errors.push(Error::new(path, 1, ErrorKind::NotMarkdownFile));
            continue;
        }
        match kind {
            Some("bank") => match parse_bank(path, text) {
                Ok(bank) => course.banks.push(bank),
                Err(e) => {
                    bank_errors = true;
                    errors.extend(e)
                }
            },
            Some("blueprint") => match parse_blueprint(path, text) {
                Ok(bp) => course.blueprints.push(bp),
                Err(e) => errors.extend(e),
            },
            Some("deck") => match parse_deck(path, text) {
                Ok(deck) => course.decks.push(deck),
                Err(e) => errors.extend(e),
            },
            Some(_) => match crate::lab::load(path, text, &course.lessons) {
                Ok(lab) => course.labs.push(lab),
                Err(e) => errors.extend(e),
            },
            None => {}
        }
    }
    validate(&course, !bank_errors, &mut errors);
    if errors.is_empty() { Ok(course) } else { Err(errors) }
}

fn validate(course: &Course, check_counts: bool, errors: &mut Vec<Error>) {
    let err = |pos: &Pos, kind: ErrorKind| Error::new(&pos.file, pos.line, kind);

    // Ids are unique across every bank and deck.
    let mut seen: HashMap<&str, &Pos> = HashMap::new();
    let ids = course
        .questions()
        .map(|q| (q.id.as_str(), &q.pos))
        .chain(course.decks.iter().flat_map(|d| d.cards.iter().map(|c| (c.id.as_str(), &c.pos))));
    for (id, pos) in ids {
        if let Some(first) = seen.get(id) {
            errors.push(err(pos, ErrorKind::DuplicateId { id: id.into(), first: first.to_string() }));
        } else {
            seen.insert(id, pos);
        }
    }

    // Lesson links point at listed pages and real headings.
    let links = course
        .questions()
        .map(|q| (Some(&q.lesson), &q.lesson_pos))
        .chain(course.decks.iter().flat_map(|d| d.cards.iter().map(|c| (c.lesson.as_ref(), &c.lesson_pos))));
    for (link, pos) in links {
        if let Some(link) = link
            && let Some(kind) = check_link(&course.lessons, link)
        {
            errors.push(err(pos, kind));
        }
    }

    // A command question's checks must not hold for a command that does nothing, and its
    // reference answer must pass them.
    for q in course.questions() {
        if let Body::Command { setup, expect, .. } = &q.body
            && crate::grade::command::grade(setup, expect, "echo").correct
        {
            errors.push(err(&q.pos, ErrorKind::ChecksHoldWithoutCommand));
        }
        if let Body::Command { setup, expect, answer: Some(answer) } = &q.body {
            let graded = crate::grade::command::grade(setup, expect, answer);
            if let crate::grade::Detail::Command { checks, stdout, stderr, exit_code } = graded.detail
                && !graded.correct
            {
                let failed = checks.iter().filter(|c| !c.holds).map(|c| c.predicate.to_string()).collect();
                let output = format!("exit {exit_code}; stdout {stdout:?}; stderr {stderr:?}");
                errors.push(err(
                    &q.pos,
                    ErrorKind::ReferenceAnswerFails { answer: answer.clone(), failed, output },
                ));
            }
        }
    }

    for q in course.questions() {
        if let Body::Lab { lab } = &q.body
            && course.lab(lab).is_none()
        {
            errors.push(err(&q.pos, ErrorKind::UnknownLab { lab: lab.clone() }));
        }
    }

    // Domains come from the blueprints.
    let mut known: Vec<String> =
        course.blueprints.iter().flat_map(|b| b.domains.iter().map(|d| d.id.clone())).collect();
    known.sort();
    known.dedup();
    if !course.blueprints.is_empty() {
        for q in course.questions() {
            if let Some(d) = &q.domain
                && !known.contains(d)
            {
                errors
                    .push(err(&q.pos, ErrorKind::UnknownDomain { domain: d.clone(), known: known.clone() }));
            }
        }
    }

    for bp in &course.blueprints {
        for bank in &bp.banks {
            if course.bank(bank).is_none() {
                errors.push(err(&bp.pos, ErrorKind::UnknownBank { bank: bank.clone() }));
            }
        }
        if !check_counts {
            continue;
        }
        let pool = course.exam_pool(bp);
        for (domain, wanted) in bp.allocation() {
            let available = pool.iter().filter(|q| q.domain.as_deref() == Some(domain.as_str())).count();
            if wanted > available {
                let pos = bp.domain(&domain).map_or(&bp.pos, |d| &d.pos);
                errors.push(err(pos, ErrorKind::NotEnoughQuestions { domain, wanted, available }));
            }
        }
    }
}

/// `None` if `link` names a listed page and one of its headings.
fn check_link(index: &LessonIndex, link: &LessonLink) -> Option<ErrorKind> {
    let Some(anchors) = index.anchors(&link.page) else {
        return Some(ErrorKind::UnknownLessonPage { page: link.page.clone() });
    };
    let anchor = link.anchor.as_ref()?;
    (!anchors.contains(anchor)).then(|| ErrorKind::UnknownAnchor {
        page: link.page.clone(),
        anchor: anchor.clone(),
        known: anchors.to_vec(),
    })
}
