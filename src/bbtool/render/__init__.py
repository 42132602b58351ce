"""One writer per output format, each building text, bytes or an object."""
