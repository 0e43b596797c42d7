//! [`ContentResolver`]: resolves `ec2lab-quiz`, `ec2lab-exam` and `ec2lab-flashcards` blocks
//! against the validated course in `content/`, and fills in what each widget needs.
//!
//! | directive | keys the author writes | added for the widget |
//! | --- | --- | --- |
//! | `ec2lab-quiz` | `bank = "imds"`, optional `questions = ["id", ...]` | `title`, `questions`: the questions as JSON (stems, options, explanations as HTML) |
//! | `ec2lab-exam` | `blueprint = "mock"` | `exam`: the blueprint; `questions`: its whole pool, for seeded sampling in the widget |
//! | `ec2lab-flashcards` | `deck = "security"`, optional `cards = ["id", ...]` | `title`, `cards` |
//! | `ec2lab-lab` | `lab = "ssh-key-permissions"` | the lab without its solution: `id`, `title`, `lesson`, `region`, `seed`, `setup`, `task` (HTML), `goals`, `hints`, `reference_commands` |
//!
//! Other widgets pass through untouched. An unknown bank, question, blueprint, deck or lab fails
//! the build with a message naming what exists.

use std::path::Path;

use quiz_engine::progress::Outline;
use quiz_engine::{Course, load_course};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::directive::{Directive, WidgetKind};
use crate::expand::Resolver;

/// Resolves widget directives against a loaded course.
#[derive(Debug, Clone)]
pub struct ContentResolver {
    course: Course,
}

impl ContentResolver {
    pub fn new(course: Course) -> ContentResolver {
        ContentResolver { course }
    }

    /// Reads every file under `content_dir` and the pages under `book_src`, and validates them
    /// together. `Err` lists every content mistake, one `file:line: problem` per line.
    pub fn load(content_dir: &Path, book_src: &Path) -> Result<ContentResolver, String> {
        let content = read_tree(content_dir, "content")?;
        let pages = read_tree(book_src, "")?;
        load_course(&content, &pages).map(ContentResolver::new).map_err(|errors| {
            let mut msg = format!("{} mistakes in the course content:\n", errors.len());
            for e in errors {
                msg.push_str(&format!("{e}\n"));
            }
            msg
        })
    }

    pub fn course(&self) -> &Course {
        &self.course
    }
}

impl Resolver for ContentResolver {
    fn resolve(&self, directive: &mut Directive) -> Result<(), String> {
        let config = &mut directive.config;
        match directive.kind {
            WidgetKind::Quiz => self.quiz(config),
            WidgetKind::Exam => self.exam(config),
            WidgetKind::Flashcards => self.flashcards(config),
            WidgetKind::Progress => {
                config.insert("outline".into(), json(&Outline::of(&self.course))?);
                Ok(())
            }
            WidgetKind::Lab => self.lab(config),
            _ => Ok(()),
        }
    }
}

impl ContentResolver {
    fn quiz(&self, config: &mut Map<String, Value>) -> Result<(), String> {
        let id = string(config, "ec2lab-quiz", "bank")?;
        let bank = self.course.bank(&id).ok_or_else(|| {
            let known: Vec<&str> = self.course.banks.iter().map(|b| b.id.as_str()).collect();
            format!("no question bank `{id}`; banks: {}", known.join(", "))
        })?;
        let questions = match wanted(config, "questions")? {
            None => bank.questions.iter().collect::<Vec<_>>(),
            Some(ids) => ids
                .iter()
                .map(|q| {
                    bank.questions.iter().find(|x| &x.id == q).ok_or_else(|| {
                        let known: Vec<&str> = bank.questions.iter().map(|x| x.id.as_str()).collect();
                        format!("bank `{id}` has no question `{q}`; it has: {}", known.join(", "))
                    })
                })
                .collect::<Result<Vec<_>, String>>()?,
        };
        config.insert("title".into(), Value::String(bank.title.clone()));
        config.insert("questions".into(), json(&questions)?);
        Ok(())
    }

    fn exam(&self, config: &mut Map<String, Value>) -> Result<(), String> {
        let id = string(config, "ec2lab-exam", "blueprint")?;
        let blueprint = self.course.blueprint(&id).ok_or_else(|| {
            let known: Vec<&str> = self.course.blueprints.iter().map(|b| b.id.as_str()).collect();
            format!("no exam blueprint `{id}` in content/exams/; blueprints: {}", known.join(", "))
        })?;
        config.insert("exam".into(), json(blueprint)?);
        config.insert("questions".into(), json(&self.course.exam_pool(blueprint))?);
        Ok(())
    }

    fn flashcards(&self, config: &mut Map<String, Value>) -> Result<(), String> {
        let id = string(config, "ec2lab-flashcards", "deck")?;
        let deck = self.course.deck(&id).ok_or_else(|| {
            let known: Vec<&str> = self.course.decks.iter().map(|d| d.id.as_str()).collect();
            format!("no flashcard deck `{id}` in content/decks/; decks: {}", known.join(", "))
        })?;
        let cards = match wanted(config, "cards")? {
            None => deck.cards.iter().collect::<Vec<_>>(),
            Some(ids) => ids
                .iter()
                .map(|c| {
                    deck.cards
                        .iter()
                        .find(|x| &x.id == c)
                        .ok_or_else(|| format!("deck `{id}` has no card `{c}`"))
                })
                .collect::<Result<Vec<_>, String>>()?,
        };
        config.insert("title".into(), Value::String(deck.title.clone()));
        config.insert("cards".into(), json(&cards)?);
        Ok(())
    }
}

impl ContentResolver {
    fn lab(&self, config: &mut Map<String, Value>) -> Result<(), String> {
        let id = string(config, "ec2lab-lab", "lab")?;
        let lab = self.course.lab(&id).ok_or_else(|| {
            let known: Vec<&str> = self.course.labs.iter().map(|l| l.id.as_str()).collect();
            format!("no lab `{id}` in content/labs/; labs: {}", known.join(", "))
        })?;
        match json(&lab.for_widget())? {
            Value::Object(fields) => config.extend(fields),
            _ => return Err("a lab must serialise to an object".into()),
        }
        Ok(())
    }
}

/// The required string `key`.
fn string(config: &Map<String, Value>, widget: &str, key: &str) -> Result<String, String> {
    match config.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(format!("`{key}` in `{widget}` must be a string, found `{other}`")),
        None => Err(format!("`{widget}` needs `{key} = \"...\"`")),
    }
}

/// The optional list of ids at `key`.
fn wanted(config: &Map<String, Value>, key: &str) -> Result<Option<Vec<String>>, String> {
    match config.get(key) {
        None => Ok(None),
        Some(Value::Array(items)) if items.is_empty() => {
            Err(format!("`{key}` is empty; list at least one id, or leave `{key}` out for all"))
        }
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(String::from)
                    .ok_or_else(|| format!("`{key}` must list ids as strings, found `{v}`"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(other) => Err(format!("`{key}` must be a list of ids, found `{other}`")),
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|e| format!("cannot serialise content for the widget: {e}"))
}

/// `(path, text)` of every file under `dir`, paths as `prefix/relative` (or just relative).
fn read_tree(dir: &Path, prefix: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("cannot read {}: {e}", d.display()))?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let name = if prefix.is_empty() { rel } else { format!("{prefix}/{rel}") };
            out.push((name, text));
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::expand::expand_chapter;

    fn resolver() -> ContentResolver {
        let bank = "bank: imds\ntitle: IMDS\nlesson: imds.md\ndomain: security\n\n## imds-a\ntype: true-false\n\nIMDS listens on `169.254.169.254`.\n\n- [x] True\n  > It does.\n- [ ] False\n  > It does, over HTTP.\n\n## imds-b\ntype: short\nanswers: 21600\n\nLongest token TTL in seconds?\n\n> Six hours.\n";
        let files = [
            ("content/questions/imds.md", bank),
            (
                "content/exams/mock.md",
                "exam: mock\ntitle: Mock\nquestions: 1\ntime-limit: 2\n\n## security\nweight: 1\n",
            ),
            ("content/decks/cards.md", "deck: cards\ntitle: Cards\n\n## cards-one\n\nFront\n\n---\n\nBack\n"),
            (
                "content/labs/notes.md",
                "lab: notes\ntitle: Notes\nlesson: imds.md\n\n## Setup\n\n```file notes.txt 644\nhi\n```\n\n## Task\n\nLock `notes.txt`.\n\n## Goal\n\n- file notes.txt has mode 600\n\n## Hints\n\n- `chmod`\n\n## Solution\n\n```sh\nchmod 600 notes.txt\n```\n",
            ),
        ];
        let pages = [("SUMMARY.md", "- [IMDS](imds.md)\n"), ("imds.md", "# IMDS\n")];
        ContentResolver::new(load_course(&files, &pages).unwrap())
    }

    fn config(kind: WidgetKind, toml: &str) -> Result<String, String> {
        let mut d = Directive {
            kind,
            config: toml::from_str::<toml::Table>(toml)
                .map(|t| match serde_json::to_value(t) {
                    Ok(Value::Object(m)) => m,
                    _ => Map::new(),
                })
                .unwrap(),
        };
        resolver().resolve(&mut d)?;
        Ok(canonical(&Value::Object(d.config)))
    }

    /// JSON with object keys sorted, whatever serde_json's `preserve_order` feature says.
    fn canonical(v: &Value) -> String {
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let fields: Vec<String> = keys
                    .iter()
                    .map(|k| format!("{}:{}", Value::String((*k).clone()), canonical(&map[*k])))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }
            Value::Array(items) => {
                format!("[{}]", items.iter().map(canonical).collect::<Vec<_>>().join(","))
            }
            other => other.to_string(),
        }
    }

    #[test]
    fn quiz_gets_its_questions_with_html() {
        expect![[r#"Ok("{\"bank\":\"imds\",\"questions\":[{\"answers\":[\"21600\"],\"bank\":\"imds\",\"domain\":\"security\",\"explanation\":\"<p>Six hours.</p>\",\"id\":\"imds-b\",\"lesson\":{\"page\":\"imds.md\"},\"normalize\":[\"case\",\"space\"],\"stem\":\"<p>Longest token TTL in seconds?</p>\",\"type\":\"short\"}],\"title\":\"IMDS\"}")"#]]
            .assert_eq(&format!("{:?}", config(WidgetKind::Quiz, "bank = \"imds\"\nquestions = [\"imds-b\"]")));
        let whole = config(WidgetKind::Quiz, "bank = \"imds\"").unwrap();
        assert!(whole.contains("imds-a") && whole.contains("<code>169.254.169.254</code>"));
    }

    #[test]
    fn exam_and_flashcards_resolve() {
        let exam = config(WidgetKind::Exam, "blueprint = \"mock\"").unwrap();
        assert!(
            exam.contains("\"id\":\"mock\"") && exam.contains("\"time_limit\":2") && exam.contains("imds-a")
        );
        expect![[r#"Ok("{\"cards\":[{\"back\":\"<p>Back</p>\",\"deck\":\"cards\",\"front\":\"<p>Front</p>\",\"id\":\"cards-one\"}],\"deck\":\"cards\",\"title\":\"Cards\"}")"#]]
            .assert_eq(&format!("{:?}", config(WidgetKind::Flashcards, "deck = \"cards\"")));
    }

    #[test]
    fn progress_gets_the_course_outline() {
        let progress = config(WidgetKind::Progress, "").unwrap();
        assert!(progress.contains("\"outline\":{\"banks\":[{\"id\":\"imds\""), "{progress}");
        assert!(progress.contains("\"cards\":[\"cards-one\"]"), "{progress}");
    }

    #[test]
    fn lab_gets_everything_but_its_solution() {
        expect![[r#"Ok("{\"goals\":[{\"check\":{\"check\":\"file-mode\",\"mode\":384,\"path\":\"notes.txt\"},\"line\":17,\"text\":\"file notes.txt has mode 600\"}],\"hints\":[\"<code>chmod</code>\"],\"id\":\"notes\",\"lab\":\"notes\",\"lesson\":{\"page\":\"imds.md\"},\"reference_commands\":1,\"region\":\"us-east-1\",\"seed\":1,\"setup\":[{\"file\":{\"content\":\"hi\\n\",\"mode\":420,\"path\":\"notes.txt\"}}],\"task\":\"<p>Lock <code>notes.txt</code>.</p>\",\"title\":\"Notes\"}")"#]]
            .assert_eq(&format!("{:?}", config(WidgetKind::Lab, "lab = \"notes\"")));
        assert_eq!(
            config(WidgetKind::Lab, "lab = \"nope\"").unwrap_err(),
            "no lab `nope` in content/labs/; labs: notes"
        );
    }

    #[test]
    fn unknown_references_fail_with_what_exists() {
        let errors: Vec<String> = [
            (WidgetKind::Quiz, "bank = \"imsd\""),
            (WidgetKind::Quiz, "bank = \"imds\"\nquestions = [\"imds-z\"]"),
            (WidgetKind::Quiz, "bank = 3"),
            (WidgetKind::Quiz, "questions = [\"imds-a\"]"),
            (WidgetKind::Quiz, "bank = \"imds\"\nquestions = \"imds-a\""),
            (WidgetKind::Quiz, "bank = \"imds\"\nquestions = []"),
            (WidgetKind::Exam, "blueprint = \"final\""),
            (WidgetKind::Flashcards, "deck = \"cards\"\ncards = [\"nope\"]"),
        ]
        .iter()
        .map(|(k, t)| config(*k, t).unwrap_err())
        .collect();
        expect![[r#"
            no question bank `imsd`; banks: imds
            bank `imds` has no question `imds-z`; it has: imds-a, imds-b
            `bank` in `ec2lab-quiz` must be a string, found `3`
            `ec2lab-quiz` needs `bank = "..."`
            `questions` must be a list of ids, found `"imds-a"`
            `questions` is empty; list at least one id, or leave `questions` out for all
            no exam blueprint `final` in content/exams/; blueprints: mock
            deck `cards` has no card `nope`"#]]
        .assert_eq(&errors.join("\n"));
    }

    #[test]
    fn chapter_expansion_reports_the_block_line() {
        let err = expand_chapter("# Quiz\n\n```ec2lab-quiz\nbank = \"nope\"\n```\n", "ch.md", &resolver())
            .unwrap_err();
        assert_eq!(err.to_string(), "ch.md:3: no question bank `nope`; banks: imds");
        let ok = expand_chapter("```ec2lab-terminal\n```\n", "ch.md", &resolver()).unwrap();
        assert!(ok.contains("data-widget=\"terminal\""));
    }

    /// The real course loads, and every widget block in every chapter of the book resolves.
    #[test]
    fn every_chapter_of_the_book_resolves() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let resolver = match ContentResolver::load(&root.join("content"), &root.join("book/src")) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        assert!(!resolver.course().banks.is_empty());
        let mut problems = Vec::new();
        for (path, text) in read_tree(&root.join("book/src"), "book/src").unwrap() {
            if path.ends_with(".md")
                && let Err(e) = expand_chapter(&text, &path, &resolver)
            {
                problems.push(e.to_string());
            }
        }
        assert!(problems.is_empty(), "chapters with bad widget blocks:\n{}", problems.join("\n"));
    }
}
