"""Fuzzing the loader: whatever a score file holds, bbtool either accepts it, and the
scores it then computes are consistent, or raises its own InputError with a message.
Never any other exception.

Inputs: arbitrary YAML documents (nested dicts, lists and scalars, dumped with
``yaml.safe_dump``), documents shaped like score files with arbitrary values, real score
files from the demo with bytes changed, and raw bytes.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _demo import DEMO
from bbtool.core.models import ParticipantRecord, ScoreFile
from bbtool.core.scoring import score
from bbtool.errors import InputError
from bbtool.workspace import yaml_source
from bbtool.workspace.loader import load_framework, parse_score_file

# hundreds of hypothesis examples a test
pytestmark = pytest.mark.slow

FRAMEWORK = load_framework()
DEMO_BYTES = [f.read_bytes() for f in sorted((DEMO / "participants").glob("*.yaml"))]
ENABLERS = [e.id for e in FRAMEWORK.enablers]
INDICATORS = [i.id for _, i in FRAMEWORK.indicators]
THEMES = [t.id for t in FRAMEWORK.themes]
CHALLENGES = [c.id for c in FRAMEWORK.challenges]
OTHER = ParticipantRecord(
    file="other.yaml",
    answers=ScoreFile.model_validate(
        {"participant": {"name": "Other person"}, "scores": {ENABLERS[0]: 3, ENABLERS[1]: "skip"}}
    ),
)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**6), max_value=10**6)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.sampled_from(["skip", "3", "", " ", "~", "yes", *ENABLERS[:3], *CHALLENGES[:2]])
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=12) | st.sampled_from(ENABLERS), children, max_size=5)
    ),
    max_leaves=30,
)
score_values = scalars | st.integers(min_value=0, max_value=7) | st.lists(scalars, max_size=2)
shaped = st.fixed_dictionaries(
    {
        "participant": st.fixed_dictionaries(
            {"name": scalars | st.text(min_size=1, max_size=20)},
            optional={"organisation": scalars, "sector": scalars, "level": scalars},
        )
        | scalars,
    },
    optional={
        "scores": st.dictionaries(st.sampled_from(ENABLERS) | st.text(max_size=8), score_values)
        | scalars,
        "indicators": st.dictionaries(st.sampled_from(INDICATORS), score_values) | scalars,
        "evidence": st.dictionaries(st.sampled_from(ENABLERS), scalars) | scalars,
        "challenges": st.lists(st.sampled_from(CHALLENGES) | scalars, max_size=4) | scalars,
        "reflections": st.dictionaries(st.sampled_from(THEMES), scalars) | scalars,
    },
)


def _check(raw: bytes) -> None:
    """Load ``raw`` as a score file: InputError, or a record that scores consistently."""
    try:
        doc = yaml_source.parse(yaml_source.decode(raw, "fuzz.yaml"), "fuzz.yaml")
        record = parse_score_file(doc, FRAMEWORK, "fuzz.yaml")
    except InputError as exc:
        problems = exc.problems
    else:
        problems = []
    if problems:
        assert all(p.path == "fuzz.yaml" and p.message for p in problems)
        return
    if record.name.casefold() == OTHER.name.casefold():
        return
    report = score(FRAMEWORK, [OTHER, record], area="Fuzz", round="1")
    # a file with no answer at all is "not returned yet", in no figure
    assert len(report.participants) + len(report.not_returned) == 2
    assert [p.file for p in report.not_returned] in ([], ["fuzz.yaml"])
    for item in [*report.enablers, *report.indicators]:
        assert item.n + item.skipped + item.unanswered == len(report.participants)
        if item.n:
            assert item.min is not None
            assert item.max is not None
            assert item.mean is not None
            assert item.min <= item.mean <= item.max
            assert FRAMEWORK.scale.min <= item.min <= item.max <= FRAMEWORK.scale.max
        else:
            assert item.mean is None


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True).encode()


@FUZZ
@given(documents)
def test_arbitrary_documents(data: Any) -> None:
    _check(_dump(data))


@FUZZ
@given(shaped)
def test_documents_shaped_like_score_files(data: dict[str, Any]) -> None:
    _check(_dump(data))


@FUZZ
@given(
    st.sampled_from(range(len(DEMO_BYTES))),
    st.lists(
        st.tuples(
            st.integers(min_value=0),
            st.sampled_from(["drop", "put", "add"]),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_real_score_files(which: int, edits: list[tuple[int, str, bytes]]) -> None:
    data = bytearray(DEMO_BYTES[which])
    for at, how, chunk in edits:
        at %= len(data) + 1
        if how == "drop":
            del data[at : at + len(chunk)]
        elif how == "put":
            data[at : at + len(chunk)] = chunk
        else:
            data[at:at] = chunk
    _check(bytes(data))


@FUZZ
@given(st.binary(max_size=300))
def test_raw_bytes(raw: bytes) -> None:
    _check(raw)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("[]{}:-,&*!|>'\"#?%@` \n\tab1")), max_size=80))
def test_yaml_punctuation(text: str) -> None:
    _check(text.encode())
