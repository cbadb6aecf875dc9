"""The functional core: a scenario, its costs, the decision rules and how sure the verdict is.

Pure: nothing here imports typer or rich or reads the clock, and no file is opened but the facts
bundled in the package (read once a run by :func:`gateway_roi.model.facts.bundled_facts`). The flow is
scenario -> inputs -> costs per option -> decision -> (tripwires, uncertainty), entered through
:func:`gateway_roi.model.evaluation.assess`.
"""
