//! Mixed-workload benchmark.
fn main() {}
