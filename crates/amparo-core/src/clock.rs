//! Time. The hybrid logical clock: wall-clock milliseconds in the high 48 bits, a counter
//! in the low 16; ordering of operations is `(hlc, device id)`, which is total across
//! devices. And local wall times to instants, the one rule for DST gaps and repeats.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant a local wall time stands for in `zone`. A time repeated when clocks fall
/// back is its first occurrence; a time skipped when clocks spring forward becomes the
/// first instant after the gap (02:30 on a spring-forward night → 03:00). Start and end
/// use the same rule, so back-to-back shifts always meet exactly, with no gap or overlap.
pub fn resolve_local(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            // Gaps are at most a few hours; walk forward a minute at a time to its end.
            let mut probe = local;
            for _ in 0..(24 * 60) {
                probe += Duration::minutes(1);
                if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) = zone.from_local_datetime(&probe) {
                    return t.with_timezone(&Utc);
                }
            }
            Utc.from_utc_datetime(&local)
        }
    }
}

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

/// How far this computer's clock may run past the newest change another device made
/// before it is taken to be wrong (a year: a store left unused that long is rare; a clock
/// reset to a far-off date is not).
pub const MAX_IDLE_AHEAD_MS: i64 = 366 * 24 * 60 * 60 * 1000;

/// This computer's clock, judged against what the store has seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ClockProblem {
    /// Behind the newest change this store holds by more than the drift limit: edits made
    /// now would lose to older ones.
    Behind { newest: DateTime<Utc> },
    /// Far ahead of the newest change any other device made: edits made now would beat
    /// every later correction, and other devices will hold them back.
    Ahead { newest: DateTime<Utc> },
}

impl std::fmt::Display for ClockProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClockProblem::Behind { newest } => write!(
                f,
                "this computer's clock is behind: this store already holds changes dated {}; set the date and time before editing, or your edits will lose to older ones",
                newest.format("%Y-%m-%d %H:%M UTC")
            ),
            ClockProblem::Ahead { newest } => write!(
                f,
                "this computer's clock looks wrong: it is more than a year past the newest change from the team ({}); set the date and time before editing, or other devices will hold your edits back",
                newest.format("%Y-%m-%d %H:%M UTC")
            ),
        }
    }
}

/// Judge `now` against the store's clock (the newest timestamp it made or accepted) and
/// the newest change made by another device.
pub fn problem(now: DateTime<Utc>, store_clock: Hlc, newest_from_others: Option<Hlc>) -> Option<ClockProblem> {
    let now_ms = now.timestamp_millis();
    if store_clock.wall_millis() > now_ms.saturating_add(MAX_FORWARD_DRIFT_MS) {
        return Some(ClockProblem::Behind { newest: store_clock.wall() });
    }
    match newest_from_others {
        Some(n) if n.0 > 0 && now_ms > n.wall_millis().saturating_add(MAX_IDLE_AHEAD_MS) => {
            Some(ClockProblem::Ahead { newest: n.wall() })
        }
        _ => None,
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

    #[test]
    fn a_clock_behind_the_store_or_a_year_past_the_team_is_a_problem() {
        let day = 24 * 3_600_000;
        let store = Hlc::from_wall(at(1_000 * day));
        assert_eq!(problem(at(1_000 * day), store, Some(store)), None);
        assert!(matches!(problem(at(999 * day), store, None), Some(ClockProblem::Behind { .. })));
        assert_eq!(problem(at(1_000 * day - MAX_FORWARD_DRIFT_MS + 1), store, None), None);
        assert!(matches!(problem(at(1_400 * day), store, Some(store)), Some(ClockProblem::Ahead { .. })));
        assert_eq!(problem(at(1_300 * day), store, Some(store)), None);
        assert_eq!(
            problem(at(40_000 * day), store, None),
            None,
            "a store that has seen nobody has nothing to judge by"
        );
    }
}
