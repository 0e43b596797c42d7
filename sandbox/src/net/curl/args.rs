//! curl's command line: the options EC2 learners use, parsed into [`CurlArgs`], with curl's own
//! messages for unknown options and missing values.

/// Everything a curl invocation asked for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CurlArgs {
    pub method: Option<String>,
    pub headers: Vec<(String, String)>,
    pub data: Option<String>,
    pub silent: bool,
    /// `--no-progress-meter`.
    pub no_progress: bool,
    pub show_error: bool,
    pub verbose: bool,
    pub include: bool,
    pub head: bool,
    pub fail: bool,
    pub write_out: Option<String>,
    pub output: Option<String>,
    /// `-m`: whole-operation limit in milliseconds.
    pub max_time_ms: Option<u64>,
    /// `--connect-timeout` in milliseconds.
    pub connect_timeout_ms: Option<u64>,
    pub user_agent: Option<String>,
    /// `--noproxy LIST`.
    pub noproxy: Option<String>,
    pub urls: Vec<String>,
}

/// A usage error, printed as curl prints it (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

const TRY: &str = "curl: try 'curl --help' or 'curl --manual' for more information\n";

fn seconds_to_ms(flag: &str, v: &str) -> Result<u64, UsageError> {
    match v.parse::<f64>() {
        Ok(s) if (0.0..1e9).contains(&s) => Ok((s * 1000.0).round() as u64),
        _ => Err(UsageError(format!("curl: option {flag}: expected a proper numerical parameter\n{TRY}"))),
    }
}

/// Short options that take a value.
fn short_takes_value(c: char) -> bool {
    matches!(c, 'X' | 'H' | 'o' | 'w' | 'm' | 'd' | 'A' | 'u' | 'e' | 'x' | 'b' | 'c' | 'T')
}

fn long_name(c: char) -> Option<&'static str> {
    Some(match c {
        'X' => "--request",
        'H' => "--header",
        'o' => "--output",
        'w' => "--write-out",
        'm' => "--max-time",
        'd' => "--data",
        'A' => "--user-agent",
        's' => "--silent",
        'S' => "--show-error",
        'v' => "--verbose",
        'i' => "--include",
        'I' => "--head",
        'f' => "--fail",
        'L' => "--location",
        'k' => "--insecure",
        'q' => "--disable",
        '4' => "--ipv4",
        '6' => "--ipv6",
        'u' | 'e' | 'x' | 'b' | 'c' | 'T' => "--ignored-value",
        _ => return None,
    })
}

fn apply(a: &mut CurlArgs, flag: &str, value: Option<&str>) -> Result<(), UsageError> {
    let v = || value.unwrap_or_default().to_string();
    match flag {
        "--request" => a.method = Some(v()),
        "--header" => {
            let raw = v();
            if let Some((name, value)) = raw.split_once(':') {
                let value = value.lines().next().unwrap_or_default().trim();
                a.headers.push((name.trim().to_string(), value.to_string()));
            }
        }
        "--output" => a.output = Some(v()),
        "--write-out" => a.write_out = Some(v()),
        "--max-time" => a.max_time_ms = Some(seconds_to_ms("-m", &v())?),
        "--connect-timeout" => a.connect_timeout_ms = Some(seconds_to_ms("--connect-timeout", &v())?),
        "--data" | "--data-raw" | "--data-binary" => a.data = Some(v()),
        "--user-agent" => a.user_agent = Some(v()),
        "--silent" => a.silent = true,
        "--show-error" => a.show_error = true,
        "--verbose" => a.verbose = true,
        "--include" => a.include = true,
        "--head" => a.head = true,
        "--fail" => a.fail = true,
        "--url" => a.urls.push(v()),
        "--noproxy" => a.noproxy = Some(v()),
        _ => {}
    }
    Ok(())
}

/// Long options that take a value.
fn long_takes_value(flag: &str) -> bool {
    matches!(
        flag,
        "--request"
            | "--header"
            | "--output"
            | "--write-out"
            | "--max-time"
            | "--connect-timeout"
            | "--data"
            | "--data-raw"
            | "--data-binary"
            | "--user-agent"
            | "--url"
            | "--noproxy"
            | "--retry"
            | "--retry-delay"
            | "--retry-max-time"
            | "--proxy"
            | "--user"
    )
}

const KNOWN_LONG_FLAGS: &[&str] = &[
    "--silent",
    "--show-error",
    "--verbose",
    "--include",
    "--head",
    "--fail",
    "--location",
    "--insecure",
    "--compressed",
    "--ipv4",
    "--ipv6",
    "--http1.1",
    "--http1.0",
    "--no-progress-meter",
    "--fail-with-body",
    "--disable",
    "--no-buffer",
];

/// Parses curl's arguments (the words after `curl`).
pub fn parse(argv: &[String]) -> Result<CurlArgs, UsageError> {
    let mut a = CurlArgs::default();
    let mut i = 0;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        if let Some(long) = arg.strip_prefix("--").map(|_| arg.as_str()) {
            let (flag, inline) = match long.split_once('=') {
                Some((f, v)) if long_takes_value(f) => (f, Some(v.to_string())),
                _ => (long, None),
            };
            if long_takes_value(flag) {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        let Some(v) = argv.get(i) else {
                            return Err(UsageError(format!(
                                "curl: option {flag}: requires parameter\n{TRY}"
                            )));
                        };
                        i += 1;
                        v.clone()
                    }
                };
                apply(&mut a, flag, Some(&value))?;
            } else if KNOWN_LONG_FLAGS.contains(&flag) {
                if flag == "--no-progress-meter" {
                    a.no_progress = true;
                }
                if flag == "--fail-with-body" {
                    a.fail = true;
                }
                apply(&mut a, flag, None)?;
            } else {
                return Err(UsageError(format!("curl: option {flag}: is unknown\n{TRY}")));
            }
        } else if arg.len() > 1 && arg.starts_with('-') {
            let chars: Vec<char> = arg[1..].chars().collect();
            let mut k = 0;
            while k < chars.len() {
                let c = chars[k];
                let Some(flag) = long_name(c) else {
                    return Err(UsageError(format!("curl: option -{c}: is unknown\n{TRY}")));
                };
                if short_takes_value(c) {
                    let rest: String = chars[k + 1..].iter().collect();
                    let value = if !rest.is_empty() {
                        rest
                    } else if let Some(v) = argv.get(i) {
                        i += 1;
                        v.clone()
                    } else {
                        return Err(UsageError(format!("curl: option -{c}: requires parameter\n{TRY}")));
                    };
                    let shown = format!("-{c}");
                    if c == 'm' {
                        a.max_time_ms = Some(seconds_to_ms(&shown, &value)?);
                    } else {
                        apply(&mut a, flag, Some(&value))?;
                    }
                    break;
                }
                apply(&mut a, flag, None)?;
                k += 1;
            }
        } else {
            a.urls.push(arg.clone());
        }
    }
    if a.urls.is_empty() {
        return Err(UsageError(format!("curl: no URL specified!\n{TRY}")));
    }
    Ok(a)
}

/// A parsed URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub scheme: String,
    /// The host as written (brackets removed for IPv6).
    pub host: String,
    pub port: u16,
    /// Path plus query, starting with `/`.
    pub target: String,
    /// Whether the port was written explicitly.
    pub explicit_port: bool,
}

/// Parses `http://host[:port]/path`, `host/path` (scheme defaults to http) and `[v6]` hosts.
pub fn parse_url(raw: &str) -> Result<Url, String> {
    let (scheme, rest) = match raw.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("http".to_string(), raw),
    };
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        other => {
            return Err(format!("curl: (1) Protocol \"{other}\" not supported or disabled in libcurl\n"));
        }
    };
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let target = if path.starts_with('?') { format!("/{path}") } else { path.to_string() };
    let (host, port_text) = if let Some(inner) = authority.strip_prefix('[') {
        match inner.split_once(']') {
            Some((h, p)) => (h.to_string(), p.strip_prefix(':').map(str::to_string)),
            None => return Err("curl: (3) URL using bad/illegal format or missing URL\n".into()),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p.to_string())),
            None => (authority.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err("curl: (3) URL using bad/illegal format or missing URL\n".into());
    }
    let (port, explicit_port) = match port_text {
        Some(p) => match p.parse::<u16>() {
            Ok(n) => (n, true),
            Err(_) => return Err("curl: (3) URL using bad/illegal format or missing URL\n".into()),
        },
        None => (default_port, false),
    };
    Ok(Url { scheme, host, port, target, explicit_port })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn parses_combined_flags() {
        let a =
            parse(&words(&["-sSf", "-XPUT", "-H", "A: b", "-m", "2", "-w", "%{http_code}", "u"])).unwrap();
        assert!(a.silent && a.show_error && a.fail);
        assert_eq!(a.method.as_deref(), Some("PUT"));
        assert_eq!(a.headers, vec![("A".to_string(), "b".to_string())]);
        assert_eq!(a.max_time_ms, Some(2000));
        assert_eq!(a.urls, vec!["u"]);
        assert!(parse(&words(&["--bogus", "u"])).is_err());
        assert!(parse(&words(&["-H"])).is_err());
        assert!(parse(&words(&["-s"])).is_err());
    }

    #[test]
    fn parses_urls() {
        let u = parse_url("http://169.254.169.254/latest/meta-data/").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.target.as_str()),
            ("169.254.169.254", 80, "/latest/meta-data/")
        );
        let u = parse_url("localhost:8080").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.target.as_str()), ("localhost", 8080, "/"));
        let u = parse_url("http://[fd00:ec2::254]/latest").unwrap();
        assert_eq!(u.host, "fd00:ec2::254");
        assert!(parse_url("ftp://x").is_err());
    }
}
