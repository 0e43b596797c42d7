//! The simulated network as the shell sees it: HTTP messages, calendar dates for headers, and
//! the `curl` client that prints what real curl prints.
//!
//! Nothing here opens a socket: a request is a value, a server is a function, and routing from a
//! URL to a server is decided by the caller (the session knows which instance you are on).

pub mod curl;
pub mod date;
pub mod http;

pub use http::{HttpRequest, HttpResponse};
