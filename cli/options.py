"""The five options a team can take, named once: ids, their order, their English labels.

Everything that lists the options (the cost model, the scenario's ``expect:`` field, the
``check --expect`` choices, tables, records) takes them from here. Pure and tiny: the scenario
model imports it, so it imports nothing of this package.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, get_args

__all__ = ["OPTION_IDS", "OPTION_LABELS", "OptionChoice", "OptionId"]

OptionId = Literal["direct", "automate", "buy", "self_host", "build"]
OPTION_IDS: tuple[OptionId, ...] = get_args(OptionId)
"""The options in the order every table and record lists them: cheapest to set up first."""

OPTION_LABELS: Mapping[str, str] = {
    "direct": "Direct connections, as today",
    "automate": "Direct + automation (scripts/IaC, secret manager, shared client library)",
    "buy": "Buy a SaaS gateway",
    "self_host": "Self-host an open-source gateway",
    "build": "Build an in-house gateway",
}
"""English labels (the translated ones are the ``option.<id>`` terms of
:mod:`gateway_roi.words.i18n`)."""

if TYPE_CHECKING:
    class OptionChoice(StrEnum):
        """The option ids as command-line choices (e.g. ``check --expect``)."""
else:
    OptionChoice = StrEnum("OptionChoice", [(key, key) for key in OPTION_IDS])
    OptionChoice.__doc__ = "The option ids as command-line choices (e.g. ``check --expect``)."
