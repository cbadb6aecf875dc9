"""gateway-roi: should a team build, buy or skip an AI gateway."""

__version__ = "0.2.0"
