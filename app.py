"""Rapport: a local-first companion for informational interviews. Run with `make run`."""

from lib.ui import router

router.run()
