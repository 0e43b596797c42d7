//! Named sandbox scenarios: the starting point a command question's `setup:` names.
//!
//! A scenario is a session configuration plus setup lines run before the learner's command. The
//! list is small on purpose; add one here when a question needs a new starting point.

use sandbox::{Session, SessionConfig, SimTime};

/// One starting point for a command question.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    pub name: &'static str,
    pub description: &'static str,
    pub region: &'static str,
    /// Lines run, one simulated second apart, before the learner's line.
    pub setup: &'static [&'static str],
}

/// Every scenario a question may name.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "fresh",
        description: "a new account in us-east-1: default VPC, nothing launched",
        region: "us-east-1",
        setup: &[],
    },
    Scenario {
        name: "fresh-eu-west-1",
        description: "a new account whose CLI default region is eu-west-1",
        region: "eu-west-1",
        setup: &[],
    },
];

pub fn find(name: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.name == name)
}

pub fn names() -> Vec<&'static str> {
    SCENARIOS.iter().map(|s| s.name).collect()
}

impl Scenario {
    /// A session set up for this scenario, and the simulated time after its setup ran.
    pub fn start(&self, seed: u64) -> (Session, SimTime) {
        let mut session = Session::new(SessionConfig { seed, region: self.region.to_string() });
        let mut now = SimTime::ZERO;
        for line in self.setup {
            session.run(line, now);
            now = now.plus_secs(1);
        }
        (session, now)
    }
}
