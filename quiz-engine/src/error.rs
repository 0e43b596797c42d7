//! The content error: a file, a line and what is wrong there, as `file:line: problem`.

use std::fmt;

/// A mistake in a content file. Displays as `file:line: problem` so that editors can jump to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file as it was passed in (for example `content/questions/imds.md`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    pub kind: ErrorKind,
}

impl Error {
    pub fn new(file: &str, line: usize, kind: ErrorKind) -> Error {
        Error { file: file.to_string(), line, kind }
    }
}

/// What is wrong. Each variant's message says what to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A line in a header or metadata block that is not `key: value`.
    NotKeyValue {
        line: String,
    },
    UnknownKey {
        key: String,
        allowed: Vec<&'static str>,
    },
    DuplicateKey {
        key: String,
    },
    MissingKey {
        key: &'static str,
    },
    BadValue {
        key: String,
        value: String,
        expected: String,
    },
    MissingType,
    UnknownType {
        found: String,
    },
    /// A bank, deck or blueprint whose id is not its file name.
    IdNotFileName {
        id: String,
        expected: String,
    },
    BadId {
        id: String,
    },
    DuplicateId {
        id: String,
        first: String,
    },
    /// Content where the format does not allow it.
    Unexpected {
        found: String,
        hint: String,
    },
    NoStem,
    NoOptions {
        expected: &'static str,
    },
    NoCorrectOption,
    MoreThanOneCorrect {
        count: usize,
    },
    WrongCorrectCount {
        choose: usize,
        found: usize,
    },
    TooFewOptions {
        need: usize,
        found: usize,
    },
    OptionWithoutExplanation,
    NotTrueFalse,
    MissingExplanation,
    /// A `lesson:` page that SUMMARY.md does not list.
    UnknownLessonPage {
        page: String,
    },
    /// A `lesson:` anchor that is not a heading on its page.
    UnknownAnchor {
        page: String,
        anchor: String,
        known: Vec<String>,
    },
    NoLesson,
    UnknownLab {
        lab: String,
    },
    UnknownScenario {
        name: String,
        known: Vec<&'static str>,
    },
    BadPredicate {
        text: String,
        problem: String,
    },
    UnknownDomain {
        domain: String,
        known: Vec<String>,
    },
    UnknownBank {
        bank: String,
    },
    /// A blueprint that needs more questions from a domain than the course has.
    NotEnoughQuestions {
        domain: String,
        wanted: usize,
        available: usize,
    },
    NotMarkdownFile,
    /// A command question whose reference `answer:` fails its own `expect:` checks.
    ReferenceAnswerFails {
        answer: String,
        failed: Vec<String>,
        output: String,
    },
    /// A command question whose checks already hold when the learner does nothing useful.
    ChecksHoldWithoutCommand,
    /// The stem says "(Choose N.)" but the question is not a `multiple` with `choose: N`.
    StemSaysChoose {
        said: usize,
        choose: Option<usize>,
    },
    /// Two options (or ordering items) of one question read the same.
    DuplicateOption {
        text: String,
        first: usize,
    },
    /// The lesson pages passed in have no `SUMMARY.md`, so no lesson link can be checked.
    NoSummary,
    /// A flashcard without its `>` back.
    NoBack,
    /// `---` right under a line of text, which Markdown reads as a heading.
    SetextSeparator,
    /// A mistake in a lab file (`content/labs/`), described in full.
    Lab {
        problem: String,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            NotKeyValue { line } => write!(f, "expected a `key: value` line, found `{line}`"),
            UnknownKey { key, allowed } => {
                write!(f, "unknown key `{key}`; allowed here: {}", allowed.join(", "))
            }
            DuplicateKey { key } => write!(f, "`{key}` is given twice; keep one"),
            MissingKey { key } => write!(f, "missing `{key}:` line"),
            BadValue { key, value, expected } => {
                write!(f, "bad `{key}` value `{value}`: expected {expected}")
            }
            MissingType => write!(
                f,
                "missing `type:` line; use one of single, multiple, true-false, ordering, short, command, lab"
            ),
            UnknownType { found } => write!(
                f,
                "unknown type `{found}`; use one of single, multiple, true-false, ordering, short, command, lab"
            ),
            IdNotFileName { id, expected } => {
                write!(f, "id `{id}` must match the file name `{expected}`")
            }
            BadId { id } => {
                write!(f, "bad id `{id}`: use lowercase letters and digits in words joined by `-`")
            }
            DuplicateId { id, first } => write!(f, "duplicate id `{id}`; first defined at {first}"),
            Unexpected { found, hint } => write!(f, "unexpected {found}; {hint}"),
            NoStem => write!(f, "the question has no text: write the stem after the metadata"),
            NoOptions { expected } => write!(f, "no options: expected {expected}"),
            NoCorrectOption => write!(f, "no correct option: mark the right one with `- [x]`"),
            MoreThanOneCorrect { count } => write!(
                f,
                "{count} options are marked `[x]` but a `single` question has exactly one; use `type: multiple` with `choose: {count}`"
            ),
            WrongCorrectCount { choose, found } => {
                write!(f, "`choose: {choose}` but {found} options are marked `[x]`; they must be equal")
            }
            TooFewOptions { need, found } => {
                write!(f, "{found} options, need at least {need}")
            }
            OptionWithoutExplanation => write!(
                f,
                "option without explanation: add a `>` quote indented under it saying why it is right or wrong"
            ),
            NotTrueFalse => write!(
                f,
                "a `true-false` question has exactly two options, `True` and `False`, one of them `[x]`"
            ),
            MissingExplanation => {
                write!(f, "missing explanation: end the question with a `>` quote explaining the answer")
            }
            UnknownLessonPage { page } => {
                write!(f, "lesson page `{page}` is not in book/src/SUMMARY.md; link a page listed there")
            }
            UnknownAnchor { page, anchor, known } => {
                write!(f, "`#{anchor}` is not a heading on `{page}`")?;
                if known.is_empty() {
                    write!(f, " (the page has no headings yet)")
                } else {
                    write!(f, "; its headings are: {}", known.join(", "))
                }
            }
            NoLesson => write!(
                f,
                "no lesson link: add `lesson: page.md#section` here or `lesson: page.md` in the bank header"
            ),
            UnknownLab { lab } => write!(f, "no lab `{lab}` in content/labs/"),
            UnknownScenario { name, known } => {
                write!(f, "unknown sandbox scenario `{name}`; known: {}", known.join(", "))
            }
            BadPredicate { text, problem } => write!(f, "bad `expect: {text}`: {problem}"),
            UnknownDomain { domain, known } => {
                write!(f, "unknown domain `{domain}`; blueprints define: {}", known.join(", "))
            }
            UnknownBank { bank } => write!(f, "no question bank `{bank}`"),
            NotEnoughQuestions { domain, wanted, available } => write!(
                f,
                "the blueprint asks for {wanted} questions from domain `{domain}` but the course has only {available}; lower `questions` or the weight, or write more questions"
            ),
            NotMarkdownFile => write!(f, "content files are Markdown: rename it to `.md`"),
            ReferenceAnswerFails { answer, failed, output } => write!(
                f,
                "the reference answer `{answer}` fails its own checks ({}) in the sandbox ({output}); fix the answer or the `expect:` lines",
                failed.join(", ")
            ),
            ChecksHoldWithoutCommand => write!(
                f,
                "the `expect:` checks already hold after a plain `echo`: add a check that only the right command can meet"
            ),
            StemSaysChoose { said, choose: Some(n) } => {
                write!(f, "the stem says choose {said} but `choose: {n}`; make them agree")
            }
            StemSaysChoose { said, choose: None } => {
                write!(f, "the stem says choose {said}; use `type: multiple` with `choose: {said}`")
            }
            DuplicateOption { text, first } => {
                write!(f, "option `{text}` repeats the one on line {first}; every option must differ")
            }
            NoSummary => write!(
                f,
                "no SUMMARY.md among the lesson pages: pass every file of book/src, SUMMARY.md included"
            ),
            SetextSeparator => write!(
                f,
                "this line and the `---` under it form a heading, not a separator: put a blank line before `---`"
            ),
            Lab { problem } => write!(f, "{problem}"),
            NoBack => write!(f, "the card has no back: write it after a `---` line, or as a final `>` quote"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.kind)
    }
}

impl std::error::Error for Error {}
