"""Drafting questions, thank-yous and outreach: offline, or through any OpenAI-compatible model."""
