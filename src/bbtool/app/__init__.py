"""One function per command: load, score, render; no printing, no exit codes."""
