"""Shared test set-up: hypothesis profiles.

CI (the CI environment variable set) runs property tests derandomized, so a run is repeatable;
``HYPOTHESIS_PROFILE=thorough`` explores many more examples locally.
"""

from __future__ import annotations

import os

from hypothesis import settings

import gateway_roi.commands

# Tests drive gateway_roi.app.app directly: register every command, as `gateway-roi --help` does.
gateway_roi.commands.load()

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, database=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
