//! Whole-course validation: mistakes only visible across files (duplicate ids across banks,
//! lesson links, labs, domains, blueprint sizes), each reported as `file:line: problem`.

use expect_test::{Expect, expect};
use quiz_engine::load_course;

const SUMMARY: &str = "# Summary\n\n- [IMDS](imds.md)\n- [Lifecycle](lifecycle.md)\n";
const IMDS: &str = "# Instance metadata\n\n## IMDSv2 session tokens\n\n## Examples\n\n## Examples\n";
const LIFECYCLE: &str = "# The instance lifecycle\n\n## States\n";

fn pages() -> Vec<(&'static str, &'static str)> {
    vec![
        ("book/src/SUMMARY.md", SUMMARY),
        ("book/src/imds.md", IMDS),
        ("book/src/lifecycle.md", LIFECYCLE),
        ("book/src/orphan.md", "# Not in the summary\n"),
    ]
}

fn q(id: &str, meta: &str) -> String {
    format!("## {id}\ntype: single\n{meta}\n\nWhich?\n\n- [x] A\n  > yes\n- [ ] B\n  > no\n\n")
}

fn check(files: &[(&str, String)], expected: Expect) {
    let actual = match load_course(files, &pages()) {
        Ok(course) => format!(
            "ok: {} banks, {} questions, {} blueprints, {} decks",
            course.banks.len(),
            course.questions().count(),
            course.blueprints.len(),
            course.decks.len()
        ),
        Err(errors) => errors.iter().map(|e| format!("{e}\n")).collect(),
    };
    expected.assert_eq(&actual);
}

fn bank(id: &str, questions: &[String]) -> (String, String) {
    (
        format!("content/questions/{id}.md"),
        format!("bank: {id}\ntitle: {id}\nlesson: imds.md\ndomain: security\n\n{}", questions.concat()),
    )
}

#[test]
fn a_valid_course_loads() {
    let (p, t) = bank(
        "imds",
        &[
            q("imds-a", "lesson: imds.md#examples-1"),
            q("imds-b", "lesson: lifecycle.md#states\ndomain: operations"),
        ],
    );
    check(
        &[
            (&p, t),
            ("content/FORMAT.md", "# not content".into()),
            ("content/labs/first-notes.md", "lab: first-notes\ntitle: Notes\nlesson: imds.md\n\n## Task\n\nCreate `notes.txt`.\n\n## Goal\n\n- file notes.txt exists\n\n## Solution\n\n```sh\ntouch notes.txt\n```\n".into()),
            ("content/exams/mock.md", "exam: mock\ntitle: M\nquestions: 2\ntime-limit: 5\n\n## security\nweight: 1\n\n## operations\nweight: 1\n".into()),
            ("content/decks/d.md", "deck: d\ntitle: D\n\n## d-one\nlesson: imds.md#imdsv2-session-tokens\n\nFront\n\n> Back\n".into()),
        ],
        expect!["ok: 1 banks, 2 questions, 1 blueprints, 1 decks"],
    );
}

#[test]
fn cross_file_mistakes_are_all_reported() {
    let (p1, t1) =
        bank("imds", &[q("shared-id", "lesson: imds.md#examples-2"), q("imds-lab", "lesson: imds.md#nope")]);
    let (p2, t2) = bank(
        "other",
        &[
            q("shared-id", "lesson: orphan.md"),
            q("other-domain", "domain: storage"),
            "## other-lab\ntype: lab\nlab: missing-lab\n\nDo it.\n\n".into(),
        ],
    );
    check(
        &[
            (&p1, t1),
            (&p2, t2),
            ("content/exams/mock.md", "exam: mock\ntitle: M\nquestions: 40\ntime-limit: 5\nbanks: imds, nosuch\n\n## security\nweight: 3\n\n## operations\nweight: 1\n".into()),
            ("content/exams/old.toml", "questions = 3".into()),
            ("content/decks/d.md", "deck: d\ntitle: D\n\n## shared-id\nlesson: missing.md\n\nFront\n\n> Back\n".into()),
        ],
        expect![[r#"
            content/exams/old.toml:1: content files are Markdown: rename it to `.md`
            content/questions/other.md:6: duplicate id `shared-id`; first defined at content/questions/imds.md:6
            content/decks/d.md:4: duplicate id `shared-id`; first defined at content/questions/imds.md:6
            content/questions/imds.md:8: `#examples-2` is not a heading on `imds.md`; its headings are: instance-metadata, imdsv2-session-tokens, examples, examples-1
            content/questions/imds.md:19: `#nope` is not a heading on `imds.md`; its headings are: instance-metadata, imdsv2-session-tokens, examples, examples-1
            content/questions/other.md:8: lesson page `orphan.md` is not in book/src/SUMMARY.md; link a page listed there
            content/decks/d.md:5: lesson page `missing.md` is not in book/src/SUMMARY.md; link a page listed there
            content/questions/other.md:28: no lab `missing-lab` in content/labs/
            content/questions/other.md:17: unknown domain `storage`; blueprints define: operations, security
            content/exams/mock.md:1: no question bank `nosuch`
            content/exams/mock.md:7: the blueprint asks for 30 questions from domain `security` but the course has only 2; lower `questions` or the weight, or write more questions
            content/exams/mock.md:10: the blueprint asks for 10 questions from domain `operations` but the course has only 0; lower `questions` or the weight, or write more questions
        "#]],
    );
}

#[test]
fn a_broken_bank_reports_its_own_line_and_skips_blueprint_counts() {
    let (p, t) =
        bank("imds", &["## imds-x\ntype: single\n\nWhich?\n\n- [ ] A\n  > no\n- [ ] B\n  > no\n".into()]);
    check(
        &[
            (&p, t),
            (
                "content/exams/mock.md",
                "exam: mock\ntitle: M\nquestions: 40\ntime-limit: 5\n\n## security\nweight: 3\n".into(),
            ),
        ],
        expect![[r#"
            content/questions/imds.md:6: no correct option: mark the right one with `- [x]`
        "#]],
    );
}

#[test]
fn a_command_reference_answer_must_pass_its_checks() {
    let bank = "bank: cmd\ntitle: c\nlesson: imds.md\n\n## cmd-ok\ntype: command\nsetup: fresh\nexpect: stdout contains \"hi\"\nanswer: echo hi\n\nSay hi.\n\n## cmd-bad\ntype: command\nsetup: fresh\nexpect: exit 0\nexpect: stdout contains \"hello\"\nanswer: echo bye\n\nSay hello.\n\n## cmd-trivial\ntype: command\nsetup: fresh\nexpect: exit 0\n\nRun anything.\n";
    check(
        &[("content/questions/cmd.md", bank.to_string())],
        expect![[r#"
            content/questions/cmd.md:13: the reference answer `echo bye` fails its own checks (stdout contains "hello") in the sandbox (exit 0; stdout "bye\n"; stderr ""); fix the answer or the `expect:` lines
            content/questions/cmd.md:22: the `expect:` checks already hold after a plain `echo`: add a check that only the right command can meet
        "#]],
    );
}
