-- Whether a model call's answer came as asked (JSON schema) or through the plain-text fallback, for
-- servers that refuse `response_format`. Empty for calls logged before this was recorded.
ALTER TABLE llm_call ADD COLUMN output TEXT NOT NULL DEFAULT '';
