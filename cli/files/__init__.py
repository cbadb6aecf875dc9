"""Reading and writing files: scenario files with located errors, atomic writes, decision logs."""
