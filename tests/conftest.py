"""Shared test set-up: byte-code caching, hypothesis profiles.

CI (the CI environment variable set) runs property tests derandomized, so a run is repeatable;
``HYPOTHESIS_PROFILE=thorough`` explores many more examples locally.
"""

from __future__ import annotations

import os
import sys

# Hundreds of tests run the tool in a child process. A shell that sets PYTHONDONTWRITEBYTECODE
# (some CI images and sandboxes do) would make each child compile every module from source
# again; cached byte code is what a user's installed tool runs with anyway.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

from hypothesis import settings  # noqa: E402

import gateway_roi.commands  # noqa: E402

# Tests drive gateway_roi.app.app directly: register every command, as `gateway-roi --help` does.
gateway_roi.commands.load()

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, database=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
