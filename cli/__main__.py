"""Entry point for ``python -m gateway_roi``."""

from gateway_roi.app import main

main()
