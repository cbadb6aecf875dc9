"""One module per command; each registers itself on :data:`cli.app.app`."""
