//! Why auto-fill left a place open: what the solver's problem and its answer can tell
//! honestly about the people who might have taken it.

use serde::{Deserialize, Serialize};

use super::solver::{conflict, Problem, Solution};

/// Why a shift keeps an open place (or a missing skill) after the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// Nobody else's availability covers the shift.
    NobodyAvailable,
    /// What is missing is a skill's place, and nobody available has that skill.
    NobodyWithSkill,
    /// Everyone available is on another shift at that time.
    AllBusy,
    /// Everyone available who is free then is at their weekly maximum or would not get
    /// their rest between shifts.
    AtLimits,
    /// Someone could still take it; the planner did not find how. Assign by hand.
    NotFound,
}

/// The reason for each shift of `p` (`None` where nothing is missing), given the plan `sol`.
pub fn gap_reasons(p: &Problem, sol: &Solution) -> Vec<Option<GapReason>> {
    // Who is on each shift after the plan, and every volunteer's busy times.
    let mut on: Vec<Vec<usize>> = p.shifts.iter().map(|s| s.held.clone()).collect();
    for a in &sol.new {
        on[a.shift].push(a.volunteer);
    }
    let mut busy: Vec<Vec<(i64, i64, i64)>> = p.volunteers.iter().map(|v| v.other.clone()).collect();
    for (s, people) in on.iter().enumerate() {
        for &v in people {
            if let Some(b) = busy.get_mut(v) {
                b.push((p.shifts[s].start, p.shifts[s].end, p.shifts[s].week));
            }
        }
    }
    p.shifts
        .iter()
        .enumerate()
        .map(|(s, shift)| {
            let (open, lacking) = sol.missing.get(s)?;
            if *open == 0 && lacking.is_empty() {
                return None;
            }
            let others: Vec<usize> =
                shift.eligible.iter().copied().filter(|v| *v < p.volunteers.len() && !on[s].contains(v)).collect();
            // An open place is a skill's while that skill is lacking (each has one place).
            let plain_open = open.saturating_sub(lacking.len());
            let pool: Vec<usize> = if plain_open == 0 {
                let skilled: Vec<usize> = others
                    .into_iter()
                    .filter(|&v| {
                        p.volunteers[v].skills.iter().any(|k| lacking.iter().any(|l| l.eq_ignore_ascii_case(k)))
                    })
                    .collect();
                if skilled.is_empty() {
                    return Some(GapReason::NobodyWithSkill);
                }
                skilled
            } else if others.is_empty() {
                return Some(GapReason::NobodyAvailable);
            } else {
                others
            };
            let mut at_limit = false;
            for v in pool {
                let vol = &p.volunteers[v];
                let mine = &busy[v];
                if mine.iter().any(|b| conflict((b.0, b.1), (shift.start, shift.end), 0)) {
                    continue;
                }
                let weekly =
                    vol.max_per_week.is_some_and(|m| mine.iter().filter(|b| b.2 == shift.week).count() >= m as usize);
                if weekly || mine.iter().any(|b| conflict((b.0, b.1), (shift.start, shift.end), vol.rest)) {
                    at_limit = true;
                    continue;
                }
                return Some(GapReason::NotFound);
            }
            Some(if at_limit { GapReason::AtLimits } else { GapReason::AllBusy })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::solver::{solve, PShift, PVolunteer};

    const H: i64 = 3600;

    fn shift(start_h: i64, min_people: usize, skills: &[&str], eligible: &[usize]) -> PShift {
        PShift {
            start: start_h * H,
            end: (start_h + 4) * H,
            week: 1,
            min_people,
            skills: skills.iter().map(|s| s.to_string()).collect(),
            eligible: eligible.to_vec(),
            held: vec![],
        }
    }

    fn reasons(p: &Problem) -> Vec<Option<GapReason>> {
        gap_reasons(p, &solve(p))
    }

    #[test]
    fn a_shift_nobody_is_available_for() {
        let p = Problem { shifts: vec![shift(0, 1, &[], &[])], volunteers: vec![PVolunteer::default()] };
        assert_eq!(reasons(&p), vec![Some(GapReason::NobodyAvailable)]);
    }

    #[test]
    fn a_full_shift_has_no_reason() {
        let p = Problem { shifts: vec![shift(0, 1, &[], &[0])], volunteers: vec![PVolunteer::default()] };
        assert_eq!(reasons(&p), vec![None]);
    }

    #[test]
    fn a_missing_skill_nobody_available_has() {
        let p = Problem {
            shifts: vec![shift(0, 1, &["spanish"], &[0, 1])],
            volunteers: vec![PVolunteer::default(), PVolunteer::default()],
        };
        assert_eq!(reasons(&p), vec![Some(GapReason::NobodyWithSkill)]);
        // With a second, plain place, someone fills that one; the skill's place stays open.
        let p = Problem { shifts: vec![shift(0, 2, &["spanish"], &[0])], volunteers: vec![PVolunteer::default()] };
        assert_eq!(reasons(&p), vec![Some(GapReason::NobodyWithSkill)]);
    }

    #[test]
    fn everyone_available_is_on_an_overlapping_shift() {
        // One volunteer, two shifts at the same time: one of them stays open.
        let p = Problem {
            shifts: vec![shift(0, 1, &[], &[0]), shift(2, 1, &[], &[0])],
            volunteers: vec![PVolunteer::default()],
        };
        let r = reasons(&p);
        assert_eq!(r.iter().filter(|r| r.is_some()).count(), 1);
        assert!(r.contains(&Some(GapReason::AllBusy)), "{r:?}");
    }

    #[test]
    fn everyone_available_is_at_their_weekly_maximum() {
        let v = PVolunteer { max_per_week: Some(1), ..PVolunteer::default() };
        let p = Problem { shifts: vec![shift(0, 1, &[], &[0]), shift(24, 1, &[], &[0])], volunteers: vec![v] };
        assert_eq!(reasons(&p), vec![None, Some(GapReason::AtLimits)]);
    }

    #[test]
    fn everyone_available_would_lack_their_rest() {
        let v = PVolunteer { rest: 12 * H, ..PVolunteer::default() };
        // 00:00-04:00 and 08:00-12:00: four hours apart, twelve wanted.
        let p = Problem { shifts: vec![shift(0, 1, &[], &[0]), shift(8, 1, &[], &[0])], volunteers: vec![v] };
        assert_eq!(reasons(&p), vec![None, Some(GapReason::AtLimits)]);
    }

    #[test]
    fn a_free_volunteer_left_out_is_reported_honestly() {
        let p = Problem {
            shifts: vec![shift(0, 2, &[], &[0, 1])],
            volunteers: vec![PVolunteer::default(), PVolunteer::default()],
        };
        // A plan that leaves volunteer 1 out although they could come.
        let mut sol = solve(&p);
        sol.new.retain(|a| a.volunteer == 0);
        sol.missing[0].0 = 1;
        assert_eq!(gap_reasons(&p, &sol), vec![Some(GapReason::NotFound)]);
    }
}
