//! Hybrid logical clock: wall-clock milliseconds in the high 48 bits, a counter in the
//! low 16. Ordering of operations is `(hlc, device id)`, which is total across devices.

use chrono::{DateTime, TimeZone, Utc};

const COUNTER_BITS: u32 = 16;

/// How far ahead of our wall clock a peer's timestamp may pull our clock. Beyond this
/// the peer's clock is wrong, and following it would make every later local edit lose.
pub const MAX_FORWARD_DRIFT_MS: i64 = 60 * 60 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Hlc(pub u64);

impl Hlc {
    pub fn from_wall(at: DateTime<Utc>) -> Self {
        Hlc((at.timestamp_millis().max(0) as u64) << COUNTER_BITS)
    }

    pub fn wall_millis(self) -> i64 {
        (self.0 >> COUNTER_BITS) as i64
    }

    pub fn wall(self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.wall_millis()).single().unwrap_or_default()
    }

    /// The next local timestamp: after everything seen so far, and never behind the wall.
    pub fn tick(self, now: DateTime<Utc>) -> Hlc {
        Hlc::from_wall(now).max(Hlc(self.0 + 1))
    }

    /// Take a peer's timestamp into account, unless it is implausibly far in the future.
    /// Returns the new clock and whether the peer's timestamp looked future-dated.
    pub fn observe(self, remote: Hlc, now: DateTime<Utc>) -> (Hlc, bool) {
        let future = remote.wall_millis() > now.timestamp_millis() + MAX_FORWARD_DRIFT_MS;
        if future {
            (self, true)
        } else {
            (self.max(remote), false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(ms).unwrap()
    }

    #[test]
    fn ticks_are_strictly_increasing_even_when_the_wall_clock_goes_back() {
        let a = Hlc::default().tick(at(10_000));
        let b = a.tick(at(5_000));
        let c = b.tick(at(5_000));
        assert!(a < b && b < c);
        assert_eq!(c.wall_millis(), 10_000);
    }

    #[test]
    fn a_peer_far_in_the_future_does_not_drag_the_clock() {
        let now = at(1_000_000);
        let local = Hlc::default().tick(now);
        let far = Hlc::from_wall(at(1_000_000 + MAX_FORWARD_DRIFT_MS + 1));
        let (after, flagged) = local.observe(far, now);
        assert!(flagged);
        assert_eq!(after, local);
        let near = Hlc::from_wall(at(1_000_000 + 5_000));
        let (after, flagged) = local.observe(near, now);
        assert!(!flagged);
        assert!(after.tick(now) > near);
    }
}
