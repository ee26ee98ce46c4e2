"""Editing a household: address, corrections, moving in and out, in one transaction, with
optimistic locking (no lost edits) and refusals that change nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.core.locking import EditConflict
from bryggan.people.models import Household, HouseholdMember, MemberRole, Person
from bryggan.people.rules import (
    APPLICANT_MOVES_OUT,
    MOVED_OUT_IN_FUTURE,
    ONE_APPLICANT,
    MemberFacts,
    check_composition,
    parse_identity_number,
)
from bryggan.people.selectors import current_members
from bryggan.people.services import (
    NUMBER_OF_ANOTHER_PERSON,
    PERSON_IN_OTHER_HOUSEHOLD,
    MemberAddition,
    MemberCorrection,
    household_edit,
    household_open,
)
from tests.people.factories import identity_number, person_input

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)
OPENED = date(2026, 1, 15)


@pytest.fixture
def family(unit: Unit, persona: Callable[..., User]) -> Household:
    """Anna (applicant), Bo (co-applicant) and their child Cleo, at Storgatan 1."""
    return household_open(
        unit=unit,
        applicant=person_input(
            date(1985, 3, 4), 123, first="Anna", last="Berg", address="Storgatan 1"
        ),
        co_applicant=person_input(
            date(1983, 6, 7), 456, first="Bo", last="Berg", address="Storgatan 1"
        ),
        children=[person_input(date(2015, 9, 10), 789, first="Cleo", last="Berg")],
        caseworker=persona("caseworker"),
        opened_on=OPENED,
        by=persona("caseworker"),
    )


def _as_they_are(household: Household) -> list[MemberCorrection]:
    return [
        MemberCorrection(
            member_id=m.pk,
            identity=parse_identity_number(m.person.identity_number, today=TODAY),
            first_name=m.person.first_name,
            last_name=m.person.last_name,
            role=MemberRole(m.role),
        )
        for m in current_members(household.pk)
    ]


def _with(members: list[MemberCorrection], who: str, /, **change: object) -> list[MemberCorrection]:
    """The members, with the one whose first name is `who` changed."""
    return [
        MemberCorrection(**{**_fields(m), **change}) if m.first_name == who else m for m in members
    ]


def _fields(member: MemberCorrection) -> dict[str, object]:
    return {name: getattr(member, name) for name in MemberCorrection.__slots__}


def test_a_correction_and_a_new_address_are_saved_with_history_and_a_new_version(
    family: Household, persona: Callable[..., User]
) -> None:
    new_number = identity_number(date(1985, 3, 4), 124)
    members = _with(
        _as_they_are(family),
        "Anna",
        first_name="Anne",
        identity=parse_identity_number(new_number, today=TODAY),
    )
    saved = household_edit(
        household=family,
        address="Lillgatan 2",
        members=members,
        by=persona("caseworker"),
        today=TODAY,
        version=0,
    )
    assert saved.version == 1
    anne = Person.objects.get(identity_number=new_number)
    assert anne.first_name == "Anne"
    assert set(
        Person.objects.filter(memberships__household=family).values_list("address", flat=True)
    ) == {"Lillgatan 2"}
    record = ChangeRecord.objects.get(object_type="household", action="edited")
    assert record.changes[str(anne.pk)]["fields"] == ["first_name", "identity_number"]
    assert new_number not in str(record.changes)  # ids and field names, no personnummer


def test_the_second_of_two_saves_from_the_same_version_is_told_what_changed_and_saves_nothing(
    family: Household, persona: Callable[..., User]
) -> None:
    household_edit(
        household=family,
        address="Lillgatan 2",
        members=_as_they_are(family),
        by=persona("caseworker"),
        today=TODAY,
        version=0,
    )
    bo = next(m for m in current_members(family.pk) if m.person.first_name == "Bo")
    with pytest.raises(EditConflict) as conflict:
        household_edit(
            household=family,
            address="Storgatan 9",
            members=_with(_as_they_are(family), "Bo", first_name="Bosse"),
            by=persona("unit_manager"),
            today=TODAY,
            version=0,
        )
    assert conflict.value.version == 1
    changed = {c.field: (c.stored, c.typed) for c in conflict.value.changes}
    assert changed == {
        "address": ("Lillgatan 2", "Storgatan 9"),
        f"m{bo.pk}_first_name": ("Bo", "Bosse"),
    }
    assert conflict.value.last is not None
    assert conflict.value.last.by == persona("caseworker").get_full_name()
    bo.person.refresh_from_db()
    assert bo.person.first_name == "Bo"
    # Saved again at the version now stored, it goes through.
    household_edit(
        household=family,
        address="Storgatan 9",
        members=_with(_as_they_are(family), "Bo", first_name="Bosse"),
        by=persona("unit_manager"),
        today=TODAY,
        version=conflict.value.version,
    )
    bo.person.refresh_from_db()
    assert bo.person.first_name == "Bosse"


def test_a_member_moves_out_and_a_person_moves_in(
    family: Household, persona: Callable[..., User]
) -> None:
    moved_in = TODAY - timedelta(days=3)
    saved = household_edit(
        household=family,
        address="Storgatan 1",
        members=_with(_as_they_are(family), "Bo", moved_out_on=TODAY - timedelta(days=10)),
        added=MemberAddition(
            person=person_input(date(1990, 1, 2), 321, first="Dana", last="Ek"),
            role=MemberRole.CO_APPLICANT,
            moved_in_on=moved_in,
        ),
        by=persona("caseworker"),
        today=TODAY,
        version=0,
    )
    names = [(m.person.first_name, m.role) for m in current_members(saved.pk)]
    assert names == [("Anna", "applicant"), ("Dana", "co_applicant"), ("Cleo", "child")]
    bo = HouseholdMember.objects.get(household=family, person__first_name="Bo")
    assert bo.valid_to == TODAY - timedelta(days=10)
    dana = HouseholdMember.objects.get(household=family, person__first_name="Dana")
    assert (dana.valid_from, dana.person.address) == (moved_in, "Storgatan 1")


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"first_name": "Anna", "moved_out_on": TODAY}, APPLICANT_MOVES_OUT, "_moved_out_on"),
        (
            {"first_name": "Bo", "moved_out_on": TODAY + timedelta(days=1)},
            MOVED_OUT_IN_FUTURE,
            "_moved_out_on",
        ),
        ({"first_name": "Anna", "role": MemberRole.CHILD}, ONE_APPLICANT, None),
    ],
)
def test_a_household_that_would_not_be_one_is_refused_and_nothing_changes(
    family: Household,
    persona: Callable[..., User],
    change: dict[str, object],
    message: object,
    field: str | None,
) -> None:
    name = str(change.pop("first_name"))
    with pytest.raises(DomainError) as refused:
        household_edit(
            household=family,
            address="Ny väg 3",
            members=_with(_as_they_are(family), name, **change),
            by=persona("caseworker"),
            today=TODAY,
            version=0,
        )
    assert refused.value.message == message
    assert (refused.value.field or "").endswith(field or "")
    family.refresh_from_db()
    assert family.version == 0
    assert not Person.objects.filter(address="Ny väg 3").exists()
    assert HouseholdMember.objects.filter(household=family, valid_to__isnull=False).count() == 0


def test_a_personnummer_of_another_person_or_a_person_of_another_household_is_refused(
    family: Household, unit: Unit, persona: Callable[..., User]
) -> None:
    other = household_open(
        unit=unit,
        applicant=person_input(date(1970, 2, 2), 222, first="Ebba", last="Lund"),
        co_applicant=None,
        children=[],
        caseworker=None,
        opened_on=OPENED,
        by=persona("caseworker"),
    )
    ebba = other.members.get().person
    with pytest.raises(DomainError) as taken:
        household_edit(
            household=family,
            address="Storgatan 1",
            members=_with(
                _as_they_are(family),
                "Bo",
                identity=parse_identity_number(ebba.identity_number, today=TODAY),
            ),
            by=persona("caseworker"),
            today=TODAY,
            version=0,
        )
    assert taken.value.message == NUMBER_OF_ANOTHER_PERSON
    with pytest.raises(DomainError) as elsewhere:
        household_edit(
            household=family,
            address="Storgatan 1",
            members=_as_they_are(family),
            added=MemberAddition(
                person=person_input(date(1970, 2, 2), 222, first="Ebba", last="Lund"),
                role=MemberRole.CHILD,
                moved_in_on=TODAY,
            ),
            by=persona("caseworker"),
            today=TODAY,
            version=0,
        )
    assert elsewhere.value.message == PERSON_IN_OTHER_HOUSEHOLD.format(name=ebba)
    assert family.members.count() == 3


def test_the_composition_rule_wants_one_adult_applicant_and_at_most_one_adult_co_applicant() -> (
    None
):
    adult, child = date(1990, 1, 1), date(2015, 1, 1)
    check_composition([MemberFacts("applicant", adult), MemberFacts("child", child)], on=TODAY)
    for members in (
        [MemberFacts("child", child)],
        [MemberFacts("applicant", child)],
        [MemberFacts("applicant", adult), MemberFacts("co_applicant", child)],
        [
            MemberFacts("applicant", adult),
            MemberFacts("co_applicant", adult),
            MemberFacts("co_applicant", adult),
        ],
        [MemberFacts("applicant", adult), MemberFacts("applicant", adult)],
    ):
        with pytest.raises(DomainError):
            check_composition(members, on=TODAY)


# --- the page ----------------------------------------------------------------------------------


def _form_data(client: Client, url: str) -> dict[str, str]:
    """The form's fields as the page gives them (name → value)."""
    page = client.get(url)
    form = page.context["form"]
    return {
        name: "" if (value := form[name].value()) is None else str(value) for name in form.fields
    }


def test_the_page_keeps_a_wrong_personnummer_and_names_the_field(
    family: Household, client_as: Callable[..., Client]
) -> None:
    client = client_as("caseworker")
    url = reverse("people:household_edit", args=[family.pk])
    data = _form_data(client, url)
    anna = next(m for m in current_members(family.pk) if m.role == "applicant")
    data[f"m{anna.pk}_identity_number"] = "19850304-1235"
    answer = client.post(url, data)
    assert answer.status_code == 200
    assert answer.context["form"].errors[f"m{anna.pk}_identity_number"]
    assert 'value="19850304-1235"' in answer.content.decode()


def test_the_page_saves_then_tells_the_second_saver_and_keeps_what_they_typed(
    family: Household, client_as: Callable[..., Client]
) -> None:
    url = reverse("people:household_edit", args=[family.pk])
    first, second = client_as("caseworker"), client_as("unit_manager")
    data_first, data_second = _form_data(first, url), _form_data(second, url)
    data_first["address"] = "Lillgatan 2"
    assert first.post(url, data_first).status_code == 302
    data_second["address"] = "Storgatan 9"
    answer = second.post(url, data_second)
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "Lillgatan 2" in page
    assert 'value="Storgatan 9"' in page
    assert second.post(url, answer.context["form"].data).status_code == 302
    assert set(
        Person.objects.filter(memberships__household=family).values_list("address", flat=True)
    ) == {"Storgatan 9"}


def test_the_case_page_links_to_the_household_page(
    family: Household, client_as: Callable[..., Client]
) -> None:
    page = client_as("caseworker").get(reverse("people:household_detail", args=[family.pk]))
    assert reverse("people:household_edit", args=[family.pk]) in page.content.decode()
    assert (
        client_as("work_coach").get(reverse("people:household_edit", args=[family.pk])).status_code
        == 403
    )


def test_a_caseworker_of_another_unit_gets_the_answer_for_a_missing_case(
    family: Household, persona: Callable[..., User], other_unit: Unit
) -> None:
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    foreign = client.get(reverse("people:household_edit", args=[family.pk]))
    missing = client.get(reverse("people:household_edit", args=[999_999]))
    assert foreign.status_code == missing.status_code == 404
    assert client.post(reverse("people:household_edit", args=[family.pk]), {}).status_code == 404
