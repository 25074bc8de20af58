-- LAMP Advocacy ("do you know someone there?") follows the contacts at an employer unless the user
-- ticked or unticked it themselves; this records that they did.
ALTER TABLE organisation ADD COLUMN lamp_advocacy_set BOOLEAN NOT NULL DEFAULT false;
