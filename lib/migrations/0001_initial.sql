-- Rapport's first schema: the profile, organisations (with LAMP scores), contacts, their tags and
-- the interactions that make up each contact's timeline. Timestamps are naive UTC.
--
-- No FOREIGN KEY constraints, on purpose. DuckDB (measured on 2.0.1) refuses to delete a parent row
-- in the same transaction that deleted its children, and refuses to update any indexed column of a
-- row that others reference - so "delete a contact and everything tied to it in one transaction"
-- and "move a contact who introduced someone to a new employer" would both fail. The domain
-- modules keep links whole instead, and lib/integrity.py names every link so tests can check it.

CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT 'career_changer'
        CHECK (stage IN ('student', 'graduate', 'career_changer', 'job_seeker', 'returner', 'other')),
    background TEXT NOT NULL DEFAULT '',
    target_roles TEXT NOT NULL DEFAULT '',
    target_industries TEXT NOT NULL DEFAULT '',
    strengths TEXT NOT NULL DEFAULT '',
    offers TEXT NOT NULL DEFAULT '',
    weekly_goal INTEGER NOT NULL DEFAULT 2 CHECK (weekly_goal BETWEEN 0 AND 50),
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    thank_you_window_hours INTEGER NOT NULL DEFAULT 24 CHECK (thank_you_window_hours BETWEEN 1 AND 336),
    report_back_days INTEGER NOT NULL DEFAULT 30 CHECK (report_back_days BETWEEN 1 AND 365),
    cadence_close_days INTEGER NOT NULL DEFAULT 30 CHECK (cadence_close_days BETWEEN 1 AND 730),
    cadence_active_days INTEGER NOT NULL DEFAULT 90 CHECK (cadence_active_days BETWEEN 1 AND 730),
    cadence_casual_days INTEGER NOT NULL DEFAULT 180 CHECK (cadence_casual_days BETWEEN 1 AND 730),
    linkedin_plan TEXT NOT NULL DEFAULT 'free' CHECK (linkedin_plan IN ('free', 'premium')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE organisation_id_seq START 1;
CREATE TABLE organisation (
    id BIGINT PRIMARY KEY DEFAULT nextval('organisation_id_seq'),
    name TEXT NOT NULL,
    industry TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    is_target BOOLEAN NOT NULL DEFAULT false,
    lamp_advocacy BOOLEAN NOT NULL DEFAULT false,
    lamp_motivation SMALLINT NOT NULL DEFAULT 0 CHECK (lamp_motivation BETWEEN 0 AND 3),
    lamp_posting SMALLINT NOT NULL DEFAULT 1 CHECK (lamp_posting BETWEEN 1 AND 3),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE contact_id_seq START 1;
CREATE TABLE contact (
    id BIGINT PRIMARY KEY DEFAULT nextval('contact_id_seq'),
    full_name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    linkedin_url TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT,
    role TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'other'
        CHECK (source IN ('referral', 'alumni', 'event', 'linkedin', 'cold_outreach', 'other')),
    introduced_by_id BIGINT,
    tier TEXT NOT NULL DEFAULT 'active' CHECK (tier IN ('close', 'active', 'casual')),
    cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 730),
    rapport_notes TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    first_met_on DATE,
    archived_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE contact_tag (
    contact_id BIGINT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (contact_id, tag)
);

CREATE SEQUENCE interaction_id_seq START 1;
CREATE TABLE interaction (
    id BIGINT PRIMARY KEY DEFAULT nextval('interaction_id_seq'),
    contact_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('outreach', 'reply', 'meeting', 'message', 'call',
                                       'intro_made', 'help_given', 'help_received', 'note')),
    occurred_at TIMESTAMP NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
