"""The shipped code lists load, name their source, say the codes are unverified, cover the app."""

from __future__ import annotations

import pytest

from bryggan.activities.models import ActivityKind, Provider
from bryggan.followup.rules import ClosureReason
from bryggan.reporting.codes import CodeListError, code_lists, parse_code_list


def test_every_shipped_list_names_its_source_and_says_the_codes_are_not_verified() -> None:
    lists = code_lists()
    for code_list in (lists.reasons_for_need, lists.closure_reasons, lists.activities):
        assert code_list.source.kind in ("primary", "secondary")
        assert code_list.source.title
        assert code_list.source.reference
        # Bilaga 1 and 2 of HSLF-FS 2015:30 were not found: no official code may be claimed.
        assert code_list.official_codes_verified is False
        assert all(code.official_code == "" for code in code_list.codes.values())


def test_the_reasons_for_need_are_the_categories_the_sources_name() -> None:
    labels = {code.label for code in code_lists().reasons_for_need.codes.values()}
    assert len(labels) == 23
    # Labels Socialstyrelsen's own texts use (Frågor och svar, kunskapsguiden, news 2012–2013).
    assert {
        "Arbetar heltid, otillräcklig inkomst",
        "Arbetshinder, sociala skäl",
        "Arbetslös, ingen ersättning/stöd",
        "Arbetslös, otillräcklig ersättning/stöd",
        "Arbetslös, väntar på ersättning/stöd",
    } <= labels


def test_the_full_time_work_code_requires_employment_income() -> None:
    reasons = code_lists().reasons_for_need.codes
    assert reasons["full_time_insufficient_income"].requires_income == "employment"
    assert reasons["full_time_awaiting_income"].requires_income == ""  # not paid yet
    assert reasons["unemployed_no_benefit"].excludes_income == "unemployment_benefit"


def test_every_closure_reason_of_the_follow_up_app_has_an_entry() -> None:
    assert set(code_lists().closure_reasons.codes) == {reason.value for reason in ClosureReason}


def test_every_activity_kind_has_an_entry_and_the_municipal_providers_exist() -> None:
    activities = code_lists().activities
    assert set(activities.codes) == set(ActivityKind.values)
    assert activities.municipal_providers <= set(Provider.values)
    assert Provider.EMPLOYMENT_SERVICE not in activities.municipal_providers


def test_guidance_is_shown_for_the_cases_the_instruction_explains() -> None:
    reasons = code_lists().reasons_for_need.codes
    assert "exempel 1" in reasons["full_time_insufficient_income"].guidance
    assert "18–20" in reasons["social_reasons"].guidance


SOURCE = {"title": "t", "kind": "secondary", "reference": "r", "verified": "v"}


def document(*rows: dict[str, object], **kw: object) -> dict[str, object]:
    base: dict[str, object] = {"kind": "x", "official_codes_verified": False, "source": SOURCE}
    return base | {"reason": list(rows) or [{"id": "a", "label": "A"}]} | kw


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({k: v for k, v in document().items() if k != "source"}, "source"),
        (document(official_codes_verified="no"), "true or false"),
        (document({"id": "a", "label": "A"}, {"id": "a", "label": "B"}), "twice"),
        (document({"id": "A b", "label": "A"}), "identifier"),
        (document({"id": "a", "label": ""}), "missing"),
        (document({"id": "a", "label": "A", "requires_income": "salary"}), "income type"),
        (document(official_codes_verified=True), "official_code"),
        (document(source={**SOURCE, "kind": "blog"}), "source.kind"),
    ],
)
def test_a_bad_list_is_refused_naming_the_problem(bad: dict[str, object], message: str) -> None:
    with pytest.raises(CodeListError, match=message):
        parse_code_list("test.toml", bad, array="reason")
