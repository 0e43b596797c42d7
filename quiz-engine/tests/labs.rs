//! Labs: fixtures under `test_data/labs/{ok,err}/` parse and validate (snapshot of the model or
//! of the `file:line: problem` list beside each file; `UPDATE_EXPECT=1` refreshes them), and
//! every real lab in `content/labs/` reaches its goal with its reference solution while its
//! untouched setup does not.

use std::path::{Path, PathBuf};

use expect_test::expect_file;
use quiz_engine::LessonIndex;
use quiz_engine::lab::{self, Lab, Step};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The fixtures link `fixture.md`, a page with one heading.
fn fixture_lessons() -> LessonIndex {
    LessonIndex::new(&[
        ("SUMMARY.md", "- [Fixture](fixture.md)\n"),
        ("fixture.md", "# Fixture\n\n## Section\n"),
    ])
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/labs").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

fn check(dir: &str, want_ok: bool) {
    for path in fixtures(dir) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let actual = match (lab::load(&name, &text, &fixture_lessons()), want_ok) {
            (Ok(lab), true) => serde_json::to_string_pretty(&lab).unwrap(),
            (Err(errors), false) => errors.iter().map(|e| format!("{e}\n")).collect(),
            (Ok(_), false) => panic!("{name} should fail"),
            (Err(errors), true) => panic!("{name} should load but failed:\n{errors:#?}"),
        };
        expect_file![path.with_extension("txt")].assert_eq(&actual);
    }
}

#[test]
fn ok_fixtures_load() {
    check("ok", true);
}

#[test]
fn err_fixtures_fail_with_file_and_line() {
    check("err", false);
}

fn real_labs() -> Vec<Lab> {
    let root = root();
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(root.join("book/src")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            pages.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let lessons = LessonIndex::new(&pages);
    let mut labs = Vec::new();
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(root.join("content/labs")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        let name = format!("content/labs/{}", path.file_name().unwrap().to_string_lossy());
        match lab::load(&name, &std::fs::read_to_string(&path).unwrap(), &lessons) {
            Ok(lab) => labs.push(lab),
            Err(errors) => panic!("{}", errors.iter().map(|e| format!("{e}\n")).collect::<String>()),
        }
    }
    labs
}

/// Types the reference solution as a learner would, one line a second, and checks after it.
#[test]
fn every_real_lab_is_solved_by_its_reference_and_not_by_its_setup() {
    let labs = real_labs();
    assert!(labs.len() >= 4, "expected the course's labs, found {}", labs.len());
    for lab in labs {
        let mut session = lab.start();
        assert!(lab.check(&session).iter().any(|(_, ok)| !ok), "{}: already solved", lab.id);
        lab::run_steps(&mut session, &lab.solution);
        let unmet: Vec<String> =
            lab.check(&session).into_iter().filter(|(_, ok)| !ok).map(|(goal, _)| goal).collect();
        assert!(unmet.is_empty(), "{}: the reference leaves {unmet:?}", lab.id);
        let golf = lab.golf(&session);
        assert_eq!(golf.used, golf.reference, "{}", lab.id);
        assert_eq!(golf.reference, lab.solution.iter().filter(|s| matches!(s, Step::Run(_))).count());
    }
}

#[test]
fn golf_counts_only_the_learners_lines() {
    let labs = real_labs();
    let lab = labs.iter().find(|l| l.id == "ssh-key-permissions").expect("the ssh lab");
    let mut session = lab.start();
    assert_eq!(lab.golf(&session).used, 0);
    let now = session.world().now();
    session.run("ls -l", now.plus_secs(1));
    session.run("chmod 400 practice.pem", now.plus_secs(2));
    assert_eq!(lab.golf(&session).used, 2);
    assert_eq!(lab.check(&session)[0], ("file practice.pem has mode 400".to_string(), true));
    assert!(lab.golf(&session).message().contains("You used 2 commands; the reference solution uses 4"));
    assert!(lab.for_widget().solution.is_empty());
}

/// `serves http` runs curl on a copy: without port 80 open the page is out of reach, and the
/// learner's own session is left as it was.
#[test]
fn serves_http_needs_the_port_open_and_leaves_the_session_alone() {
    let labs = real_labs();
    let lab = labs.iter().find(|l| l.id == "user-data-web-server").expect("the user data lab");
    let without_port: Vec<Step> = lab
        .solution
        .iter()
        .filter(|s| !matches!(s, Step::Run(l) if l.contains("authorize-security-group-ingress")))
        .cloned()
        .collect();
    let mut session = lab.start();
    lab::run_steps(&mut session, &without_port);
    let history = session.history().len();
    let serves = |s: &sandbox::Session| {
        lab.check(s).into_iter().find(|(g, _)| g.contains("serves http")).map(|(_, ok)| ok)
    };
    assert_eq!(serves(&session), Some(false));
    assert_eq!(session.history().len(), history);
    let mut full = lab.start();
    lab::run_steps(&mut full, &lab.solution);
    assert_eq!(serves(&full), Some(true));
}
