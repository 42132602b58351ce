"""The score files' JSON Schema: valid for Draft 7, accepting the demo and refusing what
the loader refuses, with every id and its title."""

from __future__ import annotations

import jsonschema
import yaml

from _demo import DEMO
from bbtool.core.models import Framework
from bbtool.render.schema import score_file_schema


def test_schema_accepts_the_demo_and_refuses_bad_files(framework: Framework) -> None:
    schema = score_file_schema(framework)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for file in sorted((DEMO / "participants").glob("*.yaml")):
        assert list(validator.iter_errors(yaml.safe_load(file.read_text()))) == [], file
    bad_answers: list[dict[str, object]] = [
        {"participant": {"name": "A"}, "scores": {"leadership": True}},
        {"participant": {"name": "A"}, "scores": {"leadership": 3.5}},
        {"participant": {"name": "A"}, "scores": {"leadership": 0}},
        {"participant": {"name": "A"}, "scores": {"leadership": 6}},
        {"participant": {"name": "A"}, "scores": {"leadership": "four"}},
        {"participant": {"name": "A"}, "scores": {"leadrship": 2}},
        {"participant": {"name": "A"}, "indicators": {"leadership.7": 2}},
        {"participant": {"name": "A"}, "challenges": ["no-such-challenge"]},
        {"participant": {"name": "A"}, "reflections": {"leadership": "x"}},
        {"participant": {"name": ""}},
        {"participant": {"organisation": "X"}},
        {"participant": {"name": "A"}, "extra": 1},
    ]
    for answers in bad_answers:
        assert not validator.is_valid(answers), answers


def test_schema_lists_ids_with_titles(framework: Framework) -> None:
    schema = score_file_schema(framework)
    scores = schema["properties"]["scores"]["properties"]
    assert list(scores) == [e.id for e in framework.enablers]
    first = framework.enablers[0]
    assert scores[first.id]["description"].startswith(first.title)
    assert len(schema["properties"]["indicators"]["properties"]) == 55
