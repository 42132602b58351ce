"""What a report says of its case studies: named as the framework names them, and the
right words when there is none to list."""

from __future__ import annotations

from bbtool.core.results import Report


def test_a_case_study_is_named_as_the_framework_names_it(demo_report: Report) -> None:
    study = demo_report.case_studies[0]
    assert demo_report.case_study_label == "Box"  # framework/enablers.yaml
    assert demo_report.case_study_name(study) == f"Box {study.id}: {study.title}"
    plain = demo_report.model_copy(update={"case_study_label": ""})
    assert plain.case_study_name(study) == study.title


def test_nothing_to_list_is_said_for_what_it_is(demo_report: Report) -> None:
    assert demo_report.case_studies
    assert demo_report.case_studies_note() is None
    # flagged enablers, but no case study speaks to them
    unmatched = demo_report.model_copy(update={"case_studies": []})
    assert unmatched.flagged
    assert unmatched.case_studies_note() == (
        "No case study in the framework speaks to the flagged enablers."
    )
    # nothing flagged
    calm = [e.model_copy(update={"low": False, "polarised": False}) for e in demo_report.enablers]
    quiet = unmatched.model_copy(update={"enablers": calm})
    assert quiet.case_studies_note() == "No enabler is flagged low or polarised."
    # a framework without case studies: nothing to say at all (no section)
    none = unmatched.model_copy(update={"has_case_studies": False})
    assert none.case_studies_note() is None
