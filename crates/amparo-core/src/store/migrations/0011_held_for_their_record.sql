-- Migration: changes held until the record they edit arrives (issue 12). Never edit once
-- shipped; add a new numbered file instead.
--
-- An edit by a member of a limited role whose right to make it depends on the record (a
-- driver's own ride, a host's own site) cannot be judged before the record is here. It
-- waits in `held_change` like a change dated ahead of the clock (not applied, not logged,
-- not relayed; the vector of its device stops before it), and is judged the way a store
-- holding the record judges it when the record's creation arrives.
ALTER TABLE held_change ADD COLUMN waits_for_record INTEGER NOT NULL DEFAULT 0;
