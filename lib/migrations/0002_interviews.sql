-- Interviews from request to thank-you: outreach (3B7), interviews, their questions and debriefs,
-- advice, offers and referrals, messages, and dated follow-ups. No FOREIGN KEYs (see 0001);
-- lib/integrity.py lists every link. Timestamps are naive UTC.

CREATE SEQUENCE outreach_id_seq START 1;
CREATE TABLE outreach (
    id BIGINT PRIMARY KEY DEFAULT nextval('outreach_id_seq'),
    contact_id BIGINT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'linkedin', 'introduction')),
    sent_on DATE NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    replied_on DATE,
    followed_up_on DATE,
    created_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE interview_id_seq START 1;
CREATE TABLE interview (
    id BIGINT PRIMARY KEY DEFAULT nextval('interview_id_seq'),
    contact_id BIGINT NOT NULL,
    scheduled_at TIMESTAMP NOT NULL,
    duration_minutes INTEGER NOT NULL DEFAULT 30 CHECK (duration_minutes BETWEEN 5 AND 480),
    mode TEXT NOT NULL DEFAULT 'video' CHECK (mode IN ('in_person', 'video', 'phone')),
    place TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    goals TEXT NOT NULL DEFAULT '',
    research_notes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'completed', 'cancelled', 'no_show')),
    status_reason TEXT NOT NULL DEFAULT '',
    completed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE question_id_seq START 1;
CREATE TABLE question (
    id BIGINT PRIMARY KEY DEFAULT nextval('question_id_seq'),
    interview_id BIGINT NOT NULL,
    position INTEGER NOT NULL,
    category TEXT NOT NULL DEFAULT 'insights' CHECK (category IN
        ('trends', 'insights', 'advice', 'resources', 'assignments', 'rapport', 'offer', 'closing')),
    text TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('offline', 'llm', 'manual')),
    asked BOOLEAN NOT NULL DEFAULT false,
    answer TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE debrief (
    interview_id BIGINT PRIMARY KEY,
    realities TEXT NOT NULL DEFAULT '',
    benefits TEXT NOT NULL DEFAULT '',
    challenges TEXT NOT NULL DEFAULT '',
    loves TEXT NOT NULL DEFAULT '',
    loathes TEXT NOT NULL DEFAULT '',
    career_path TEXT NOT NULL DEFAULT '',
    influences TEXT NOT NULL DEFAULT '',
    resources TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE advice_id_seq START 1;
CREATE TABLE advice (
    id BIGINT PRIMARY KEY DEFAULT nextval('advice_id_seq'),
    interview_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    acted_on_at TIMESTAMP,
    reported_back_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE offer_id_seq START 1;
CREATE TABLE offer (
    id BIGINT PRIMARY KEY DEFAULT nextval('offer_id_seq'),
    interview_id BIGINT NOT NULL,
    contact_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    kept_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

-- People the interviewee offered to introduce, created as contacts introduced by them.
CREATE TABLE referral (
    interview_id BIGINT NOT NULL,
    contact_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (interview_id, contact_id)
);

CREATE SEQUENCE message_id_seq START 1;
CREATE TABLE message (
    id BIGINT PRIMARY KEY DEFAULT nextval('message_id_seq'),
    contact_id BIGINT NOT NULL,
    interview_id BIGINT,
    kind TEXT NOT NULL CHECK (kind IN ('thank_you', 'report_back', 'check_in', 'outreach', 'follow_up')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'linkedin_note', 'linkedin_inmail')),
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE followup_id_seq START 1;
CREATE TABLE followup (
    id BIGINT PRIMARY KEY DEFAULT nextval('followup_id_seq'),
    contact_id BIGINT NOT NULL,
    interview_id BIGINT,
    outreach_id BIGINT,
    offer_id BIGINT,
    kind TEXT NOT NULL CHECK (kind IN ('thank_you', 'offer', 'report_back', 'ask_second_person',
                                       'follow_up_once', 'reach_out', 'check_in', 'custom')),
    title TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    due_at TIMESTAMP NOT NULL,
    snoozed_until TIMESTAMP,
    done_at TIMESTAMP,
    -- Closed without being done, because it no longer applies (a reply came, a meeting was cancelled).
    dismissed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
