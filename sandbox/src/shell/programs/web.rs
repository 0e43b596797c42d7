//! The web server user data typically starts (`httpd`, `apache2` or `nginx` on port 80),
//! serving `/var/www/html` (or nginx's default root) from the machine's filesystem.

use crate::net::date::http_date;
use crate::net::http::{Exchange, HttpRequest, HttpResponse};
use crate::shell::machine::Machine;
use crate::shell::vfs::Vfs;
use crate::time::SimTime;

const IT_WORKS: &str = "<html><body><h1>It works!</h1></body></html>\n";
const NGINX_WELCOME: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n";
const APACHE_NOT_FOUND: &str = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n";

/// Which server answers on port 80, if any.
fn server(m: &Machine) -> Option<(&'static str, &'static str)> {
    if m.service_active("httpd") {
        Some(("httpd", "Apache/2.4.62 (Amazon Linux)"))
    } else if m.service_active("apache2") {
        Some(("apache2", "Apache/2.4.58 (Ubuntu)"))
    } else if m.service_active("nginx") {
        Some(("nginx", "nginx/1.24.0"))
    } else {
        None
    }
}

/// Answers `req` arriving at port `port` of machine `m`.
pub fn serve(m: &Machine, fs: &Vfs, port: u16, req: &HttpRequest, now: SimTime) -> Exchange {
    // A container published on this port answers first (docker's proxy owns the port).
    if let Some(c) = m.containers.iter().find(|c| c.running && c.host_port == Some(port)) {
        let nginx = c.image.split(':').next().unwrap_or("").ends_with("nginx");
        let (banner, page) =
            if nginx { ("nginx/1.27.3", NGINX_WELCOME) } else { ("Apache/2.4.62 (Unix)", IT_WORKS) };
        let body = if req.method == "HEAD" { String::new() } else { page.to_string() };
        return Exchange::Response(HttpResponse {
            status: 200,
            reason: "OK".into(),
            headers: vec![
                ("Server".into(), banner.into()),
                ("Date".into(), http_date(now)),
                ("Content-Type".into(), "text/html".into()),
                ("Content-Length".into(), page.len().to_string()),
            ],
            body,
        });
    }
    if port != 80 {
        return Exchange::Refused;
    }
    let Some((unit, banner)) = server(m) else {
        return Exchange::Refused;
    };
    let root = if unit == "nginx" && m.os != crate::imds::OsFamily::Ubuntu {
        "/usr/share/nginx/html"
    } else {
        "/var/www/html"
    };
    let path = req.target.split('?').next().unwrap_or("/");
    let file = if path.ends_with('/') { format!("{root}{path}index.html") } else { format!("{root}{path}") };
    let found = fs.read(&file, "root").ok().map(str::to_string);
    let (status, reason, body) = match found {
        Some(text) => (200, "OK", text),
        None if path == "/" || path == "/index.html" => {
            let page = if unit == "nginx" { NGINX_WELCOME } else { IT_WORKS };
            // Amazon Linux's httpd answers the empty docroot with its test page and a 403.
            let status = if unit == "httpd" { 403 } else { 200 };
            (status, if status == 200 { "OK" } else { "Forbidden" }, page.to_string())
        }
        None => (404, "Not Found", APACHE_NOT_FOUND.to_string()),
    };
    let mut headers = vec![("Date".to_string(), http_date(now)), ("Server".to_string(), banner.to_string())];
    if status == 200 {
        headers.push(("Last-Modified".into(), http_date(m.booted_at.unwrap_or(now))));
        headers.push((
            "ETag".into(),
            format!("\"{:x}-{:x}\"", body.len(), m.booted_at.unwrap_or(now).as_secs()),
        ));
        headers.push(("Accept-Ranges".into(), "bytes".into()));
    }
    headers.push(("Content-Length".into(), body.len().to_string()));
    headers.push(("Content-Type".into(), "text/html; charset=UTF-8".into()));
    let body = if req.method == "HEAD" { String::new() } else { body };
    Exchange::Response(HttpResponse { status, reason: reason.into(), headers, body })
}

/// A page from the public internet: downloads such as Docker's apt key get a plausible body.
pub fn internet(url: &crate::net::curl::Url, req: &HttpRequest, now: SimTime) -> HttpResponse {
    let path = url.target.split('?').next().unwrap_or("/");
    let (content_type, body) = if path.ends_with(".gpg") || path.ends_with(".asc") || path.ends_with("/gpg") {
        (
            "application/pgp-keys",
            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFit2ioBEADhWpZ8/wvZ6hUTiXOwQHXMAlaFHcPH9hAtr4F1y2+OYdbtMuth\nlqqwp028AqyY+PRfVMtSYMbjuQuu5byyKR01BbqYhuS3jtqQmljZ/bJvXqnmiVXh\n-----END PGP PUBLIC KEY BLOCK-----\n"
                .to_string(),
        )
    } else if path.ends_with(".sh") {
        ("text/x-sh", "#!/bin/sh\necho \"this install script is not run in the sandbox\"\n".to_string())
    } else {
        (
            "text/html; charset=utf-8",
            format!(
                "<!doctype html>\n<html><head><title>{}</title></head><body><h1>{}</h1></body></html>\n",
                url.host, url.host
            ),
        )
    };
    let body_len = body.len();
    HttpResponse {
        status: 200,
        reason: "OK".into(),
        headers: vec![
            ("Date".into(), http_date(now)),
            ("Content-Type".into(), content_type.into()),
            ("Content-Length".into(), body_len.to_string()),
            ("Server".into(), "nginx".into()),
        ],
        body: if req.method == "HEAD" { String::new() } else { body },
    }
}
