//! The real course: everything under `content/` must validate against `book/src/`. A failure
//! lists every mistake as `file:line: problem`.

use std::path::{Path, PathBuf};

fn files_under(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files_under(root, &path, out);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push((rel, text));
        }
    }
}

#[test]
fn the_whole_course_validates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut content = Vec::new();
    files_under(&root, &root.join("content"), &mut content);
    let mut pages = Vec::new();
    files_under(&root, &root.join("book/src"), &mut pages);
    match quiz_engine::load_course(&content, &pages) {
        Ok(course) => {
            eprintln!(
                "content: {} banks, {} questions, {} blueprints, {} decks",
                course.banks.len(),
                course.questions().count(),
                course.blueprints.len(),
                course.decks.len()
            );
        }
        Err(errors) => {
            let list: String = errors.iter().map(|e| format!("{e}\n")).collect();
            panic!("{} content mistakes:\n{list}", errors.len());
        }
    }
}
