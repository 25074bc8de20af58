-- The 3-5 questions to ask if time runs short; the rest are spares.
ALTER TABLE question ADD COLUMN must_ask BOOLEAN NOT NULL DEFAULT false;
