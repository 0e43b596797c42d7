//! One transfer: build the request, send it, and render curl's stdout, stderr and exit code.

use super::args::{CurlArgs, Url, parse_url};
use super::{CurlContext, USER_AGENT};
use crate::net::http::{Exchange, HttpRequest, HttpResponse};
use crate::output::CommandOutput;

const METER_HEADER: &str = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";

/// curl's 5-column size/speed field.
fn size5(n: u64) -> String {
    if n < 100_000 {
        format!("{n:>5}")
    } else if n < 10_000 * 1024 {
        format!("{:>4}k", n / 1024)
    } else {
        format!("{:>4}M", n / (1024 * 1024))
    }
}

/// The final progress-meter line for a transfer of `received` bytes out of `total`.
fn meter_line(total: u64, received: u64, uploaded: u64) -> String {
    let pct = |part: u64, whole: u64| (part * 100).checked_div(whole).unwrap_or(0);
    // A deterministic "speed": the transfer took about 1.44 ms.
    let dl = received * 693;
    let current = received * 1000;
    format!(
        "{:>3} {}  {:>3} {}  {:>3} {}  {}  {} --:--:-- --:--:-- --:--:-- {}\n",
        pct(received, total),
        size5(total),
        pct(received, total),
        size5(received),
        pct(uploaded, uploaded),
        size5(uploaded),
        size5(dl),
        size5(0),
        size5(current)
    )
}

fn resolve(host: &str) -> String {
    match host {
        "localhost" => "127.0.0.1".to_string(),
        h => h.to_string(),
    }
}

/// Expands `-w` escapes and variables.
fn write_out(fmt: &str, url: &Url, resp: Option<&HttpResponse>) -> String {
    let mut out = String::new();
    let mut rest = fmt;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("%{")
            && let Some(end) = r.find('}')
        {
            let name = &r[..end];
            let code = resp.map(|r| r.status).unwrap_or(0);
            out.push_str(&match name {
                "http_code" | "response_code" => format!("{code:03}"),
                "size_download" => resp.map(|r| r.body.len()).unwrap_or(0).to_string(),
                "content_type" => resp.and_then(|r| r.header_value("Content-Type")).unwrap_or("").to_string(),
                "url_effective" | "url" => {
                    format!("{}://{}{}", url.scheme, url.host, url.target)
                }
                "time_total" => "0.001442".to_string(),
                "remote_ip" => resolve(&url.host),
                _ => String::new(),
            });
            rest = &r[end + 1..];
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or_default();
        let after = chars.as_str();
        match (c, after.chars().next()) {
            ('\\', Some('n')) => {
                out.push('\n');
                rest = &after[1..];
            }
            ('\\', Some('t')) => {
                out.push('\t');
                rest = &after[1..];
            }
            ('%', Some('%')) => {
                out.push('%');
                rest = &after[1..];
            }
            _ => {
                out.push(c);
                rest = after;
            }
        }
    }
    out
}

fn with_write_out(mut out: CommandOutput, args: &CurlArgs, url: &Url) -> CommandOutput {
    if let Some(fmt) = &args.write_out {
        out.stdout.push_str(&write_out(fmt, url, None));
    }
    out
}

/// Runs one URL.
pub fn transfer(args: &CurlArgs, raw: &str, ctx: &mut CurlContext<'_>) -> CommandOutput {
    let quiet_errors = args.silent && !args.show_error;
    let url = match parse_url(raw) {
        Ok(u) => u,
        Err(msg) => {
            let code = msg.get(7..8).and_then(|d| d.parse().ok()).unwrap_or(3);
            return CommandOutput::fail(if quiet_errors { String::new() } else { msg }, code);
        }
    };
    let method = args.method.clone().unwrap_or_else(|| {
        if args.head {
            "HEAD"
        } else if args.data.is_some() {
            "POST"
        } else {
            "GET"
        }
        .to_string()
    });
    let host_header = if url.explicit_port { format!("{}:{}", url.host, url.port) } else { url.host.clone() };
    let mut headers = vec![
        ("Host".to_string(), host_header),
        ("User-Agent".to_string(), args.user_agent.clone().unwrap_or_else(|| USER_AGENT.to_string())),
        ("Accept".to_string(), "*/*".to_string()),
    ];
    for (name, value) in &args.headers {
        // `-H "Name:"` (or an empty value) removes the header instead of sending it.
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        if !value.is_empty() {
            headers.push((name.clone(), value.clone()));
        }
    }
    let body = args.data.clone().unwrap_or_default();
    if args.data.is_some() {
        headers.push(("Content-Length".into(), body.len().to_string()));
        headers.push(("Content-Type".into(), "application/x-www-form-urlencoded".into()));
    }
    let proxy = (ctx.proxy_for)(&url, args.noproxy.as_deref());
    let request = HttpRequest {
        method: method.clone(),
        target: url.target.clone(),
        headers,
        body,
        hops: ctx.hops,
        via_proxy: proxy.is_some(),
    };

    let to_file = args.output.as_deref().is_some_and(|o| o != "-");
    let meter = !args.silent && !args.no_progress && (!ctx.stdout_is_tty || to_file);
    let mut out = CommandOutput::default();
    if meter {
        out.stderr.push_str(METER_HEADER);
    }
    let ip = resolve(&url.host);
    let exchange = (ctx.send)(&url, &request);
    let trying = match &proxy {
        Some(desc) => format!("* Uses proxy env variable {desc}\n*   Trying {ip}:{}...\n", url.port),
        None => format!("*   Trying {ip}:{}...\n", url.port),
    };
    let connected = format!("* Connected to {} ({ip}) port {} (#0)\n", url.host, url.port);
    let mut sent = String::new();
    sent.push_str(&format!("> {method} {} HTTP/1.1\n", url.target));
    for (n, v) in &request.headers {
        sent.push_str(&format!("> {n}: {v}\n"));
    }
    sent.push_str("> \n");
    let fail = |out: &mut CommandOutput, code: i32, msg: String, meter_zero: bool| {
        if meter && meter_zero {
            out.stderr.push_str(&meter_line(0, 0, 0));
        }
        if args.verbose {
            out.stderr.push_str(&format!("* {msg}\n* Closing connection 0\n"));
        }
        if !quiet_errors {
            out.stderr.push_str(&format!("curl: ({code}) {msg}\n"));
        }
        out.exit_code = code;
    };
    let response = match exchange {
        Exchange::Response(r) => r,
        Exchange::Unresolvable => {
            let mut o = CommandOutput::default();
            if meter {
                o.stderr.push_str(METER_HEADER);
            }
            fail(&mut o, 6, format!("Could not resolve host: {}", url.host), true);
            if let Some(fmt) = &args.write_out {
                o.stdout.push_str(&write_out(fmt, &url, None));
            }
            return o;
        }
        Exchange::Refused => {
            if args.verbose {
                out.stderr.push_str(&trying);
                out.stderr
                    .push_str(&format!("* connect to {ip} port {} failed: Connection refused\n", url.port));
            }
            let msg = format!(
                "Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
                url.host, url.port
            );
            fail(&mut out, 7, msg, true);
            return with_write_out(out, args, &url);
        }
        Exchange::ConnectTimeout => {
            if args.verbose {
                out.stderr.push_str(&trying);
            }
            let msg = match (args.max_time_ms, args.connect_timeout_ms) {
                (Some(m), Some(c)) if c < m => format!("Connection timeout after {} ms", c + 1),
                (Some(m), _) => format!("Connection timed out after {} milliseconds", m + 1),
                (None, Some(c)) => format!("Connection timeout after {} ms", c + 1),
                (None, None) => format!(
                    "Failed to connect to {} port {} after 130994 ms: Timeout was reached",
                    url.host, url.port
                ),
            };
            fail(&mut out, 28, msg, true);
            return with_write_out(out, args, &url);
        }
        Exchange::NoResponse => {
            if args.verbose {
                out.stderr.push_str(&trying);
                out.stderr.push_str(&connected);
                out.stderr.push_str(&sent);
            }
            let (code, msg) = match args.max_time_ms {
                Some(m) => {
                    (28, format!("Operation timed out after {} milliseconds with 0 bytes received", m + 1))
                }
                None => (56, "Recv failure: Connection reset by peer".to_string()),
            };
            fail(&mut out, code, msg, true);
            return with_write_out(out, args, &url);
        }
    };

    if args.verbose {
        out.stderr.push_str(&trying);
        out.stderr.push_str(&connected);
        out.stderr.push_str(&sent);
        out.stderr.push_str(&format!("< {}\n", response.status_line()));
        for (n, v) in &response.headers {
            out.stderr.push_str(&format!("< {n}: {v}\n"));
        }
        out.stderr.push_str("< \n");
    }
    let failed = args.fail && response.status >= 400;
    let head_only = method == "HEAD" || args.head;
    let mut shown = String::new();
    if args.include || args.head {
        shown.push_str(&format!("{}\r\n", response.status_line()));
        for (n, v) in &response.headers {
            shown.push_str(&format!("{n}: {v}\r\n"));
        }
        shown.push_str("\r\n");
    }
    if !failed && !head_only {
        if args.verbose && !ctx.stdout_is_tty && !response.body.is_empty() {
            out.stderr.push_str(&format!("{{ [{} bytes data]\n", response.body.len()));
        }
        shown.push_str(&response.body);
    }
    if meter {
        let total = response
            .header_value("Content-Length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(response.body.len() as u64);
        let received = if failed || head_only { 0 } else { response.body.len() as u64 };
        out.stderr.push_str(&meter_line(total, received, 0));
    }
    if failed {
        let msg = format!("The requested URL returned error: {}", response.status);
        if args.verbose {
            out.stderr.push_str(&format!("* {msg}\n* Closing connection 0\n"));
        }
        if !quiet_errors {
            out.stderr.push_str(&format!("curl: (22) {msg}\n"));
        }
        out.exit_code = 22;
    } else if args.verbose {
        out.stderr.push_str("* Closing connection 0\n");
    }
    match args.output.as_deref() {
        Some(path) if path != "-" => {
            if path != "/dev/null"
                && let Err(e) = (ctx.write_file)(path, &shown)
            {
                if !quiet_errors {
                    out.stderr.push_str(&format!("curl: (23) Failure writing output to destination\nWarning: Failed to open the file {path}: {e}\n"));
                }
                out.exit_code = 23;
            }
        }
        _ => out.stdout.push_str(&shown),
    }
    if let Some(fmt) = &args.write_out {
        out.stdout.push_str(&write_out(fmt, &url, Some(&response)));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn meter_line_matches_the_reference_capture() {
        assert_eq!(
            super::meter_line(56, 56, 0),
            "100    56  100    56    0     0  38808      0 --:--:-- --:--:-- --:--:-- 56000\n"
        );
    }
}
