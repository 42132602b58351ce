"""The scoring core: models, statistics, scoring and comparison; pure, no I/O."""
