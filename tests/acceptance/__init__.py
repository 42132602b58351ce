"""Acceptance tests: the stories told end to end, through the command line, real
processes, fresh installs and LibreOffice."""
