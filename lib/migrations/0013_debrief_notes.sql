-- The debrief's own words: notes typed on a phone or a voice memo's transcript, kept beside the fields
-- Rapport sorted them into (lib/debriefs.py), so every sorted item can be traced back to what was written.
ALTER TABLE debrief ADD COLUMN notes TEXT NOT NULL DEFAULT '';
