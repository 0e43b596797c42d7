//! curl (filled in below).
