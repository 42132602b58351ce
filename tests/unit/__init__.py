"""Unit tests, one file per module: tests/unit/<package>/test_<module>.py tests
src/bbtool/<package>/<module>.py."""
