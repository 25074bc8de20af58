"""`make run`: Streamlit's own `streamlit run`, made to ask nothing of the outside world.

Streamlit looks up this machine's public address (an HTTP request to checkip.amazonaws.com) whenever a
connection comes from an origin it does not know, and when it starts headless without a server address.
A local-first app makes no request beyond its own server, and a lookup that cannot answer blocks the
server for two seconds per stranger's attempt, so the lookup answers "none" here. Streamlit's
`/_stcore/metrics` (sessions, cache sizes) answers anyone before sign-in and Rapport reads none of it, so it
is not served. The largest upload is the import limit (`RAPPORT_MAX_IMPORT_MB`), so a file Rapport would
refuse is not even taken in.

Run it as `python -m lib.ui.serve run app.py [streamlit options]`; the options are Streamlit's.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from streamlit import net_util
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_app

from lib.io.files import size_limit


def _no_public_address() -> None:
    """What Streamlit's public-address lookup answers here: nothing, and no request is made."""
    return None


def _no_metrics_routes(*_: object) -> list[Any]:
    """Streamlit's metrics routes, here: none."""
    return []


def arguments(argv: list[str]) -> list[str]:
    """Streamlit's arguments, with the upload limit set to the import limit unless the caller set one."""
    if argv[:1] == ["run"] and not any(a.startswith("--server.maxUploadSize") for a in argv):
        megabytes = max(1, round(size_limit() / 2**20))
        return [*argv, "--server.maxUploadSize", str(megabytes)]
    return argv


def main(argv: list[str] | None = None) -> None:
    """Start Streamlit in this process with the lookup switched off."""
    os.umask(0o077)  # the database, its WAL and backups are the user's own to read
    net_util.get_external_ip = _no_public_address
    starlette_app.create_metrics_routes = _no_metrics_routes  # type: ignore[attr-defined,assignment]
    cli.main(args=arguments(sys.argv[1:] if argv is None else argv), prog_name="streamlit")


if __name__ == "__main__":
    main()
