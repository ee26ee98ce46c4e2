"""Swedish whatever the browser says; each user chooses the language once and keeps it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import User
from bryggan.accounts.rules import chosen_language

pytestmark = pytest.mark.django_db
AVAILABLE = {"sv", "en"}


@pytest.mark.parametrize(
    ("user_language", "cookie", "expected"),
    [
        ("", None, "sv"),
        ("", "en", "en"),
        ("en", None, "en"),
        ("en", "sv", "en"),  # the user's own choice wins over an old cookie
        ("sv", "en", "sv"),
        ("", "xx", "sv"),  # a language Bryggan does not have
    ],
)
def test_the_language_is_the_users_choice_then_the_cookie_then_swedish(
    user_language: str, cookie: str | None, expected: str
) -> None:
    assert (
        chosen_language(
            user_language=user_language, cookie_language=cookie, available=AVAILABLE, default="sv"
        )
        == expected
    )


def test_a_browser_set_to_english_still_gets_swedish(client_as: Callable[..., Client]) -> None:
    page = client_as("caseworker").get(
        reverse("people:caseload"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    )
    assert page.status_code == 200
    assert 'lang="sv"' in page.content.decode()


def test_the_sign_in_page_is_swedish_for_an_english_browser() -> None:
    page = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="sv"' in page.content.decode()


def test_the_choice_is_kept_with_the_user_on_every_later_sign_in(
    persona: Callable[..., User],
) -> None:
    user = persona("caseworker")
    first = Client()
    first.force_login(user)
    first.post(reverse("set_language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"
    second = Client()  # another device: no cookie
    second.force_login(user)
    page = second.get(reverse("people:caseload"))
    assert 'lang="en"' in page.content.decode()


def test_a_language_bryggan_does_not_have_is_not_kept(persona: Callable[..., User]) -> None:
    user = persona("caseworker")
    client = Client()
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == ""
