"""Radar charts (matplotlib): the report's and the comparison's."""
