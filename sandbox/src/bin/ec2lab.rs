//! `ec2lab`: runs a script of terminal lines against a fresh seeded world and prints what the
//! terminal shows for each line. Teachers use it to prepare answers; tests use it for transcripts.
//!
//! ```text
//! ec2lab [--seed N] [--region R] [SCRIPT]      (reads stdin when SCRIPT is absent or "-")
//! ```
//! In a script, `# advance 30` moves simulated time 30 seconds on; other `#` lines are comments.

use std::io::Read;

fn usage() -> ! {
    eprintln!("usage: ec2lab [--seed N] [--region REGION] [SCRIPT|-]");
    std::process::exit(2)
}

fn main() {
    let (mut seed, mut region) = (1u64, "us-east-1".to_string());
    let mut path: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| usage()),
            "--region" => region = args.next().unwrap_or_else(|| usage()),
            "-h" | "--help" => usage(),
            _ if path.is_none() => path = Some(a),
            _ => usage(),
        }
    }
    let script = match path.as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            if std::io::stdin().read_to_string(&mut s).is_err() {
                eprintln!("ec2lab: cannot read stdin");
                std::process::exit(1);
            }
            s
        }
        Some(p) => std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("ec2lab: {p}: {e}");
            std::process::exit(1)
        }),
    };
    print!("{}", sandbox::cli::transcript::run_script(&script, seed, &region));
}
