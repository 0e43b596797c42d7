//! Data-driven parser tests: every `test_data/ok/*.md` must parse, every `test_data/err/*.md`
//! must fail; the parsed model (as JSON) or the errors are compared with the `.txt` snapshot
//! beside each file. `UPDATE_EXPECT=1 cargo test -p quiz-engine --test parser` refreshes them.

use std::path::{Path, PathBuf};

use expect_test::expect_file;

/// Parses `text` as whatever its first line says it is (`bank:`, `deck:` or `exam:`).
fn parse(file: &str, text: &str) -> Result<String, String> {
    let json = |v: serde_json::Result<String>| v.unwrap_or_else(|e| format!("serialisation failed: {e}"));
    let errors = |errs: Vec<quiz_engine::Error>| errs.iter().map(|e| format!("{e}\n")).collect::<String>();
    let first = text.lines().next().unwrap_or("");
    if first.starts_with("deck:") {
        quiz_engine::parse_deck(file, text).map(|d| json(serde_json::to_string_pretty(&d))).map_err(errors)
    } else if first.starts_with("exam:") {
        quiz_engine::parse_blueprint(file, text)
            .map(|b| {
                let alloc = b.allocation();
                format!("{}\nallocation: {alloc:?}", json(serde_json::to_string_pretty(&b)))
            })
            .map_err(errors)
    } else {
        quiz_engine::parse_bank(file, text).map(|b| json(serde_json::to_string_pretty(&b))).map_err(errors)
    }
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data").join(dir);
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
        let result = parse(&name, &text);
        let actual = match (&result, want_ok) {
            (Ok(model), true) => model.clone(),
            (Err(errors), false) => errors.clone(),
            (Ok(model), false) => panic!("{name} should fail to parse but gave:\n{model}"),
            (Err(errors), true) => panic!("{name} should parse but failed:\n{errors}"),
        };
        expect_file![path.with_extension("txt")].assert_eq(&actual);
    }
}

#[test]
fn ok_fixtures_parse() {
    check("ok", true);
}

#[test]
fn err_fixtures_fail_with_file_and_line() {
    check("err", false);
}

/// Every prefix of every fixture, and a few mangled versions, parse to a value or errors: never
/// a panic.
#[test]
fn truncated_and_mangled_input_never_panics() {
    for path in fixtures("ok").into_iter().chain(fixtures("err")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let cuts = text.char_indices().map(|(i, _)| i).step_by(7);
        for cut in cuts {
            let prefix = &text[..cut];
            for variant in [
                prefix.to_string(),
                prefix.replace('\n', "\r\n"),
                prefix.replace("  >", ">"),
                prefix.replace("- [", "1. ["),
                prefix.replace("\n\n", "\n"),
            ] {
                let _ = quiz_engine::parse_bank("x.md", &variant);
                let _ = quiz_engine::parse_deck("x.md", &variant);
                let _ = quiz_engine::parse_blueprint("x.md", &variant);
            }
        }
    }
}
