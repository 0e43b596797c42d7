//! HTTP/1.1 messages as plain values: what curl sends and what a simulated server answers.

/// One request as it leaves the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `PUT`, `HEAD`, … exactly as sent (curl `-X` is case-sensitive on the wire).
    pub method: String,
    /// The request target: path plus query, always starting with `/`.
    pub target: String,
    /// Headers in the order sent; names keep the sender's spelling.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Network hops between the client and the host it runs on: 1 on the instance itself,
    /// 2 from a container on a bridge network. IMDS compares this with the PUT hop limit.
    pub hops: u8,
    /// Sent through an HTTP proxy (`http_proxy`), which adds `X-Forwarded-For` on the way.
    pub via_proxy: bool,
}

impl HttpRequest {
    /// A bodiless request from the instance itself.
    pub fn new(method: &str, target: &str) -> Self {
        HttpRequest {
            method: method.to_string(),
            target: target.to_string(),
            headers: Vec::new(),
            body: String::new(),
            hops: 1,
            via_proxy: false,
        }
    }

    /// The same request with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The first header named `name`, compared case-insensitively as HTTP requires.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// One response as the server sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// The reason phrase the server puts on the status line (IMDS says `Not Allowed` for 405).
    pub reason: String,
    /// Headers in the server's order.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    /// `HTTP/1.1 200 OK`.
    pub fn status_line(&self) -> String {
        format!("HTTP/1.1 {} {}", self.status, self.reason)
    }

    /// The first header named `name`, case-insensitively.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What the network gives back for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exchange {
    /// A complete HTTP response.
    Response(HttpResponse),
    /// Nobody listens on that port: the connection is refused at once.
    Refused,
    /// Packets vanish (a closed security group, a route to nowhere): the connect never finishes.
    ConnectTimeout,
    /// Connected and sent, but the answer never arrives (the IMDS PUT hop limit): the client
    /// waits until its own timeout, or the peer resets the connection.
    NoResponse,
    /// The host name does not resolve.
    Unresolvable,
}
