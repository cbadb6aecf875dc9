"""The functional core: a scenario, its costs, the decision rules and how sure the verdict is.

Pure: nothing here imports typer or rich, opens a file or reads the clock. The flow is
scenario -> inputs -> costs per option -> decision -> (tripwires, uncertainty), entered through
:func:`gateway_roi.model.evaluation.assess`.
"""
