"""Rapport: a local-first companion for informational interviews."""
