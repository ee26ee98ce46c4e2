"""`person_upsert`: a new number makes a person; a known one brings names and address up to date,
keeps a protected identity once given, keeps the address when none is given, and writes nothing
when nothing changed (every application gives the applicant again)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bryggan.people.models import Person
from bryggan.people.services import person_upsert
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db

BORN = date(1990, 4, 12)


def test_a_new_number_makes_a_person() -> None:
    person = person_upsert(data=person_input(BORN, first="Ada", last="Ek", address="Storg. 1"))
    stored = Person.objects.get(pk=person.pk)
    assert (stored.first_name, stored.last_name, stored.address) == ("Ada", "Ek", "Storg. 1")


def test_the_same_details_again_write_nothing() -> None:
    person_upsert(data=person_input(BORN, first="Ada", last="Ek", address="Storg. 1"))
    with CaptureQueriesContext(connection) as queries:
        person_upsert(data=person_input(BORN, first="Ada", last="Ek", address="Storg. 1"))
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def test_changed_details_are_written_and_the_rest_kept() -> None:
    first = person_upsert(
        data=person_input(BORN, first="Ada", last="Ek", address="Storg. 1", protected_identity=True)
    )
    before = Person.objects.get(pk=first.pk).updated_at
    person_upsert(data=person_input(BORN, first="Ada", last="Lind"))  # no address, not protected
    stored = Person.objects.get(pk=first.pk)
    assert (stored.first_name, stored.last_name) == ("Ada", "Lind")
    assert stored.address == "Storg. 1"  # none given: the known one kept
    assert stored.protected_identity  # once protected, kept
    assert stored.updated_at > before  # written
    person_upsert(data=person_input(BORN, first="Ada", last="Lind", address="Lillg. 2"))
    assert Person.objects.get(pk=first.pk).address == "Lillg. 2"
