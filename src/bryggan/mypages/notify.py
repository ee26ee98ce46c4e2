"""Notices that there is news on My pages, by e-mail or text message, through one interface.

The message is the same for everyone and says only that there is news: never a name, a case, an
amount or what the news is (the channel is not secure; the applicant reads the news after signing
in). E-mail goes through Django's mail backend; the SMS backend is a stub that logs that a text
would go (never the number) until a municipality connects its gateway (`BRYGGAN_SMS_BACKEND`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

from bryggan.mypages.models import NoticeChannel
from bryggan.mypages.selectors_pages import adults_now_with_contact_details
from bryggan.people.models import Household

logger = logging.getLogger("bryggan.mypages.notify")

SUBJECT = "Nyheter på Mina sidor"
BODY = (
    "Hej!\n\nDet finns nyheter för dig på Mina sidor. Logga in för att läsa dem:\n{url}\n\n"
    "Du kan inte svara på det här meddelandet."
)
SMS_TEXT = "Det finns nyheter för dig på Mina sidor: {url}"


@dataclass(frozen=True, slots=True)
class Notice:
    """What every notice says: nothing personal, only where to look."""

    subject: str
    text: str


def news_notice() -> Notice:
    return Notice(subject=SUBJECT, text=BODY.format(url=settings.BRYGGAN_MYPAGES_URL))


class Sender(Protocol):
    """One way of reaching the applicant: e-mail or text message."""

    channel: str

    def send(self, *, to: str, notice: Notice) -> None: ...


class EmailSender:
    channel = NoticeChannel.EMAIL.value

    def send(self, *, to: str, notice: Notice) -> None:
        send_mail(notice.subject, notice.text, settings.DEFAULT_FROM_EMAIL, [to])


class LoggingSmsSender:
    """The SMS stub: logs that a text would be sent, without the number or the text's address."""

    channel = NoticeChannel.SMS.value

    def send(self, *, to: str, notice: Notice) -> None:
        logger.info("sms notice would be sent", extra={"characters": len(notice.text)})


def senders() -> dict[str, Sender]:
    return {NoticeChannel.EMAIL.value: EmailSender(), NoticeChannel.SMS.value: LoggingSmsSender()}


def notify_person_of_news(
    *, email: str, phone: str, channel: str, by: dict[str, Sender] | None = None
) -> bool:
    """Send the news notice by the chosen channel; False when the person has none to use."""
    chosen = (by or senders()).get(channel)
    to = {NoticeChannel.EMAIL.value: email, NoticeChannel.SMS.value: phone}.get(channel, "")
    if chosen is None or not to:
        return False
    notice = news_notice()
    if channel == NoticeChannel.SMS.value:
        notice = Notice(subject="", text=SMS_TEXT.format(url=settings.BRYGGAN_MYPAGES_URL))
    try:
        chosen.send(to=to, notice=notice)
    except OSError:
        # A mail server that does not answer must not undo the caseworker's work: the news is on
        # My pages whatever happens to the notice.
        logger.warning("news notice could not be sent", extra={"channel": channel})
        return False
    return True


def notify_household_of_news(household: Household, *, by: dict[str, Sender] | None = None) -> int:
    """Tell each adult member with an account and contact details; the number told."""
    told = 0
    for details in adults_now_with_contact_details(household):
        told += notify_person_of_news(
            email=details.email, phone=details.phone, channel=details.notify_by, by=by
        )
    return told
