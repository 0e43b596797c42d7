//! Scenario tests on virtual time: every `tests/transcripts/*.txt` script runs in a fresh
//! terminal session (seed 1, us-east-1), as the `ec2lab` runner and the browser run it, through
//! one `check`, compared with its `.out` snapshot.
//! `UPDATE_EXPECT=1 cargo test -p sandbox --test transcripts` rewrites the snapshots.

use std::path::Path;

fn check(script_path: &Path) -> Result<(), String> {
    let script = std::fs::read_to_string(script_path).map_err(|e| e.to_string())?;
    let config = sandbox::SessionConfig { seed: 1, region: "us-east-1".to_string() };
    let actual = sandbox::shell::transcript::run(&script, config);
    let out_path = script_path.with_extension("out");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&out_path, &actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&out_path).unwrap_or_default();
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "{} differs from its snapshot (run with UPDATE_EXPECT=1 to refresh):\n{actual}",
            script_path.display()
        ))
    }
}

#[test]
fn transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let failures: Vec<String> = paths.iter().filter_map(|p| check(p).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
