//! The whole simulated account: every region's resources, the id generator and the clock's last
//! reading. Built from a seed; changed only through control-plane actions.

/// The simulated AWS account.
#[derive(Debug, Clone)]
pub struct World {
    seed: u64,
}

impl World {
    /// A fresh account: default VPCs everywhere, nothing launched.
    pub fn new(seed: u64) -> Self {
        World { seed }
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }
}
