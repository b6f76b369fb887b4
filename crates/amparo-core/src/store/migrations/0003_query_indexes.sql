-- Migration 3: indexes for the questions asked at network scale (2,000 households,
-- 20,000 court dates, 100,000 shifts). Never edit once shipped.

-- Agenda: shifts still running or upcoming are found from their end, so the many past
-- shifts are never scanned.
CREATE INDEX shift_end ON shift(ends_utc) WHERE deleted = 0;

-- Rules that follow links back: a volunteer's court assignments, a person's court
-- dates, a family's tasks.
CREATE INDEX court_accompanier_volunteer ON court_accompanier(volunteer_id) WHERE deleted = 0;
CREATE INDEX court_date_person ON court_date(person_id) WHERE deleted = 0;
CREATE INDEX task_household ON task(household_id) WHERE deleted = 0;
CREATE INDEX sanctuary_guest_person ON sanctuary_guest(person_id) WHERE deleted = 0;
