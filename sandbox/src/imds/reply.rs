//! The exact responses IMDS sends: status lines, header sets in the recorded order, and the
//! XHTML 404 page (reference §7).

use super::tree::LeafKind;
use crate::net::date::http_date;
use crate::net::http::HttpResponse;
use crate::time::SimTime;

/// The 404 page. The indentation of the `DOCTYPE` continuation is `\t\t ` and the body ends with
/// a newline: that is the variant whose length matches the captured `Content-Length: 339`
/// (reference §7.3, capture C9).
pub const NOT_FOUND_BODY: &str = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n\t\t \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n <head>\n  <title>404 - Not Found</title>\n </head>\n <body>\n  <h1>404 - Not Found</h1>\n </body>\n</html>\n";

fn h(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

/// 200 for `PUT /latest/api/token`: the token and the requested TTL echoed back.
pub fn token(token: &str, ttl: u64, now: SimTime) -> HttpResponse {
    HttpResponse {
        status: 200,
        reason: "OK".into(),
        headers: vec![
            h("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", ttl.to_string()),
            h("Content-Length", token.len().to_string()),
            h("Date", http_date(now)),
            h("Server", "EC2ws"),
            h("Connection", "close"),
            h("Content-Type", "text/plain"),
        ],
        body: token.to_string(),
    }
}

/// 200 for a metadata value or listing. `ttl_left` is set when the GET carried a valid token.
pub fn value(
    body: String,
    kind: LeafKind,
    ttl_left: Option<u64>,
    last_modified: SimTime,
    now: SimTime,
) -> HttpResponse {
    let mut headers = Vec::new();
    if let Some(ttl) = ttl_left {
        headers.push(h("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", ttl.to_string()));
    }
    let (content_type, ranges) = match kind {
        LeafKind::Text => ("text/plain", "none"),
        LeafKind::Octets => ("application/octet-stream", "bytes"),
    };
    headers.extend([
        h("Content-Type", content_type),
        h("Accept-Ranges", ranges),
        h("Last-Modified", http_date(last_modified)),
        h("Content-Length", body.len().to_string()),
        h("Date", http_date(now)),
        h("Server", "EC2ws"),
        h("Connection", "close"),
    ]);
    HttpResponse { status: 200, reason: "OK".into(), headers, body }
}

/// An empty-bodied error in the modern style (401, and 400 by inference: reference §7.4).
pub fn empty(status: u16, reason: &str, now: SimTime) -> HttpResponse {
    HttpResponse {
        status,
        reason: reason.into(),
        headers: vec![
            h("Content-Length", "0"),
            h("Date", http_date(now)),
            h("Server", "EC2ws"),
            h("Connection", "close"),
            h("Content-Type", "text/plain"),
        ],
        body: String::new(),
    }
}

/// 403 Forbidden, header order as captured (C4, C5).
pub fn forbidden(now: SimTime) -> HttpResponse {
    HttpResponse {
        status: 403,
        reason: "Forbidden".into(),
        headers: vec![
            h("Content-Length", "0"),
            h("Content-Type", "text/plain"),
            h("Date", http_date(now)),
            h("Server", "EC2ws"),
        ],
        body: String::new(),
    }
}

/// `405 Not Allowed` (C7) or `200 OK` for OPTIONS (C6), both carrying `Allow`.
pub fn allow(status: u16, allow: &str, now: SimTime) -> HttpResponse {
    HttpResponse {
        status,
        reason: if status == 200 { "OK" } else { "Not Allowed" }.into(),
        headers: vec![
            h("Allow", allow),
            h("Content-Length", "0"),
            h("Date", http_date(now)),
            h("Server", "EC2ws"),
            h("Connection", "close"),
            h("Content-Type", "text/plain"),
        ],
        body: String::new(),
    }
}

/// 404 with the XHTML page.
pub fn not_found(now: SimTime) -> HttpResponse {
    HttpResponse {
        status: 404,
        reason: "Not Found".into(),
        headers: vec![
            h("Content-Type", "text/html"),
            h("Content-Length", NOT_FOUND_BODY.len().to_string()),
            h("Date", http_date(now)),
            h("Server", "EC2ws"),
        ],
        body: NOT_FOUND_BODY.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn not_found_page_has_the_captured_length() {
        assert_eq!(super::NOT_FOUND_BODY.len(), 339);
    }
}
