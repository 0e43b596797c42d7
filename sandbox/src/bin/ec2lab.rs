//! `ec2lab`: runs a script of terminal lines against a fresh seeded world.
fn main() {}
