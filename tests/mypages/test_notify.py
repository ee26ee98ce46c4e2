"""Notices that there is news on My pages, sent through a real SMTP server started by the test:
the message names no person, case, amount or what the news is."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from email import message_from_bytes, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.casefile.services_requests import document_request_create
from bryggan.decisions.models import Decision
from bryggan.decisions.services import decision_sign
from bryggan.mypages.models import ContactDetails
from bryggan.mypages.notify import (
    EmailSender,
    LoggingSmsSender,
    notify_household_of_news,
    notify_person_of_news,
)
from bryggan.people.models import HouseholdMember, MemberRole, Person
from bryggan.people.services import person_upsert
from tests.mypages.conftest import Own
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    """A local SMTP server; Django's real SMTP backend sends to it."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()


def test_a_new_request_sends_the_news_notice_by_e_mail_without_personal_data(
    own: Own, smtp: Inbox, persona: Callable[..., User]
) -> None:
    ContactDetails.objects.create(person=own.person, email="anna@example.org", notify_by="email")
    today = timezone.localdate()

    document_request_create(
        household=own.household,
        kind="payslip",
        what="Lönespecifikation för november",
        last_day=today + timedelta(days=7),
        month=None,
        by=persona("caseworker"),
        today=today,
    )

    assert len(smtp.messages) == 1
    recipients, content = smtp.messages[0]
    assert recipients == ["anna@example.org"]
    message = message_from_bytes(content, policy=policy.default)
    text = message.get_content()
    assert message["Subject"] == "Nyheter på Mina sidor"
    assert "nyheter för dig på Mina sidor" in text
    for personal in [
        own.person.first_name,
        own.person.last_name,
        own.person.identity_number,
        "Lönespecifikation",
        own.household.case_number,
        str(own.decision.amount),
    ]:
        assert personal not in text
        assert personal not in message["Subject"]


def test_nothing_is_sent_to_an_applicant_who_chose_no_notices(
    own: Own, smtp: Inbox, persona: Callable[..., User]
) -> None:
    ContactDetails.objects.create(person=own.person, email="anna@example.org", notify_by="none")
    today = timezone.localdate()
    document_request_create(
        household=own.household,
        kind="payslip",
        what="Lönespecifikation",
        last_day=today,
        month=None,
        by=persona("caseworker"),
        today=today,
    )
    assert smtp.messages == []


def test_the_sms_stub_logs_without_the_number(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="bryggan.mypages.notify"):
        sent = notify_person_of_news(
            email="",
            phone="0701234567",
            channel="sms",
            by={"sms": LoggingSmsSender(), "email": EmailSender()},
        )
    assert sent
    assert "sms notice" in caplog.text
    assert "0701234567" not in caplog.text


def test_the_applicant_chooses_e_mail_notices_on_my_pages(own: Own) -> None:
    refused = own.client.post(reverse("mypages:my_data"), {"notify_by": "email", "email": ""})
    assert refused.status_code == 200
    saved = own.client.post(
        reverse("mypages:my_data"), {"notify_by": "email", "email": "anna@example.org"}
    )
    assert saved.status_code == 302
    assert ContactDetails.objects.get(person=own.person).email == "anna@example.org"


def test_a_signed_decision_sends_the_news_notice(
    make_decision: Callable[..., Decision], smtp: Inbox, persona: Callable[..., User]
) -> None:
    draft = make_decision(31, sign=False)
    person = draft.household.members.get().person
    ContactDetails.objects.create(person=person, email="anna@example.org", notify_by="email")

    decision_sign(decision=draft, by=persona("caseworker"), now=timezone.now())

    assert [recipients for recipients, _ in smtp.messages] == [["anna@example.org"]]
    assert person.last_name not in smtp.messages[0][1].decode()


def test_the_household_s_news_notice_reads_its_adults_contact_details_in_one_query(
    own: Own, smtp: Inbox, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        assert notify_household_of_news(own.household) == 0  # no one has given contact details
    ContactDetails.objects.create(person=own.person, email="anna@example.org", notify_by="email")
    with django_assert_num_queries(1):
        assert notify_household_of_news(own.household) == 1
    assert [recipients for recipients, _ in smtp.messages] == [["anna@example.org"]]


def test_only_the_adults_now_in_the_household_are_told(own: Own, smtp: Inbox) -> None:
    """A child, someone who has left and someone of no household are not told, whatever
    contact details they have given; the adults now in it are."""
    today = timezone.localdate()
    household = own.household

    def member(born: date, serial: int, role: str, *, left: bool = False) -> Person:
        person = person_upsert(data=person_input(born, serial))
        HouseholdMember.objects.create(
            household=household,
            person=person,
            role=role,
            valid_from=today - timedelta(days=90),
            valid_to=today - timedelta(days=30) if left else None,
        )
        return person

    partner = member(date(1985, 3, 3), 411, MemberRole.CO_APPLICANT)
    child = member(today.replace(year=today.year - 9), 412, MemberRole.CHILD)
    former = member(date(1970, 5, 5), 413, MemberRole.CO_APPLICANT, left=True)
    elsewhere = person_upsert(data=person_input(date(1975, 6, 6), 414))
    for index, person in enumerate([own.person, partner, child, former, elsewhere]):
        ContactDetails.objects.create(
            person=person, email=f"p{index}@example.org", notify_by="email"
        )
    assert notify_household_of_news(household) == 2
    assert sorted(recipients[0] for recipients, _ in smtp.messages) == [
        "p0@example.org",
        "p1@example.org",
    ]
