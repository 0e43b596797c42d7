//! `ec2lab`: runs a script of terminal lines against a fresh seeded world and prints what the
//! terminal shows for each line. Teachers use it to prepare answers; tests use it for transcripts.
//!
//! ```text
//! ec2lab [--seed N] [--region R] [--advance SECONDS] [SCRIPT|-]   (stdin when SCRIPT is absent or "-")
//! ```
//! Every line runs through the same [`sandbox::Session`] the browser terminal uses: the whole
//! shell (variables, `$(…)`, pipes, redirections, `chmod`, `ssh`, `curl` against IMDS on an
//! instance). `# advance 30` moves simulated time 30 seconds on; other `#` lines are comments.
//! `--advance SECONDS` also moves time on after every command line.

use std::io::Read;

const USAGE: &str = "usage: ec2lab [--seed N] [--region REGION] [--advance SECONDS] [SCRIPT|-]\n\
\n\
Runs each line of SCRIPT (or stdin) in the simulated terminal on a fresh world and prints the\n\
prompt and line, its stdout, `[stderr] …` lines and `[exit N]` for failures.\n\
In the script, `# advance 30` moves simulated time on by 30 seconds.\n";

fn usage(code: i32) -> ! {
    if code == 0 {
        print!("{USAGE}");
    } else {
        eprint!("{USAGE}");
    }
    std::process::exit(code)
}

fn number(value: Option<String>, flag: &str) -> u64 {
    match value.as_deref().map(str::parse::<u64>) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("ec2lab: {flag} needs a whole number");
            usage(2)
        }
    }
}

fn main() {
    let (mut seed, mut region, mut step) = (1u64, "us-east-1".to_string(), 0u64);
    let mut path: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = number(args.next(), "--seed"),
            "--advance" => step = number(args.next(), "--advance").min(315_360_000),
            "--region" => region = args.next().unwrap_or_else(|| usage(2)),
            "-h" | "--help" => usage(0),
            flag if flag.starts_with("--") => {
                eprintln!("ec2lab: unknown option {flag}");
                usage(2)
            }
            _ if path.is_none() => path = Some(a),
            _ => usage(2),
        }
    }
    let mut script = match path.as_deref() {
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
    if step > 0 {
        script = script
            .lines()
            .flat_map(|l| {
                let command = !l.trim().is_empty() && !l.trim_start().starts_with('#');
                let mut out = vec![l.to_string()];
                if command {
                    out.push(format!("# advance {step}"));
                }
                out
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    print!("{}", sandbox::shell::transcript::run(&script, sandbox::SessionConfig { seed, region }));
}
