"""The command line: parse arguments, call the application layer, print, exit codes.

Exit codes: 0 success; 1 invalid input or an output that could not be written;
2 a usage error (a missing folder, a bad option).
"""

from bbtool.cli.main import app, main

__all__ = ["app", "main"]
