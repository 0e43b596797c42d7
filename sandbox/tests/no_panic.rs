//! Random argument strings must never panic the CLI: they get a usage or service error.

use sandbox::SimTime;
use sandbox::cli::{CliEnv, run, spec::operations};
use sandbox::ec2::World;
use sandbox::ec2::ids::IdGen;

const PIECES: &[&str] = &[
    "--instance-ids",
    "--image-id",
    "i-0123",
    "ami-0053d3ad141b850fc",
    "--filters",
    "Name=",
    "Values=",
    "[",
    "]",
    "{",
    "}",
    ",",
    "=",
    "'",
    "\"",
    "--query",
    "Reservations[",
    "--output",
    "table",
    "text",
    "--count",
    "0:",
    "-1",
    "--tag-specifications",
    "ResourceType=instance,Tags=[{Key=",
    "--ip-permissions",
    "--port",
    "99999-1",
    "--cidr",
    "1.2.3.4/99",
    "--region",
    "eu-west-1",
    "--dry-run",
    "--size",
    "3000000000",
    "9223372036854775807",
    "--min-count",
    "--max-count",
    "--max-items",
    "--starting-token",
    "18446744073709551616",
    "--metadata-options",
    "HttpPutResponseHopLimit=x",
    "--block-device-mappings",
    "DeviceName=/dev/xvda,Ebs={VolumeSize=1}",
    "é",
    "\u{0}",
    "--",
];

#[test]
fn random_arguments_never_panic() {
    let mut rng = IdGen::new(42);
    let env = CliEnv { default_region: "us-east-1".into() };
    let mut world = World::new(1);
    for round in 0..4000u64 {
        let ops = operations();
        let op = ops[rng.below(ops.len() as u64) as usize];
        let mut argv = vec!["ec2".to_string(), op.name.to_string()];
        for _ in 0..rng.below(8) {
            let piece = if rng.below(3) == 0 {
                format!(
                    "--{}",
                    op.params[rng.below(op.params.len().max(1) as u64) as usize % op.params.len().max(1)]
                        .name
                )
            } else {
                let a = PIECES[rng.below(PIECES.len() as u64) as usize];
                let b = PIECES[rng.below(PIECES.len() as u64) as usize];
                if rng.below(2) == 0 { a.to_string() } else { format!("{a}{b}") }
            };
            argv.push(piece);
        }
        let out = run(&mut world, &argv, &env, SimTime::from_secs(round));
        assert!(out.exit_code == 0 || !out.stderr.is_empty(), "{argv:?}");
    }
}

#[test]
fn random_shorthand_and_query_text_never_panics() {
    let mut rng = IdGen::new(7);
    let alphabet: Vec<char> = "ab=,[]{}'\"` .*?@|&!<>()0123456789:-_$\\é".chars().collect();
    for _ in 0..20_000 {
        let len = rng.below(24) as usize;
        let text: String = (0..len).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect();
        let _ = sandbox::cli::shorthand::parse(&text);
        let _ = sandbox::cli::format::query(&text, &serde_json::json!({"a": [1, {"b": "c"}]}));
    }
}
