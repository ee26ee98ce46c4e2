"""Tell the applicant that there is news when a letter is sent: every signed decision (and every
other letter the unit sends) is stored in the case file at signing, so a stored outgoing letter is
the one sign, whichever app made it. The notice goes once the signing has committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from bryggan.casefile.models import Document, DocumentDirection
from bryggan.mypages.notify import notify_household_of_news


@receiver(post_save, sender=Document, dispatch_uid="mypages_news_on_letter")
def news_on_letter(
    sender: type[Document], instance: Document, created: bool, **kwargs: Any
) -> None:
    if not created or instance.direction != DocumentDirection.OUTGOING:
        return
    household = instance.household
    transaction.on_commit(lambda: notify_household_of_news(household))
