"""Local accounts: Django's full set of password validators, and a lockout after five failed
sign-ins for one user name from one address (django-axes), which the administrator sees."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from bryggan.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/logga-in/"


def attempt(client: Client, username: str, password: str, address: str = "10.0.0.1") -> int:
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code


def test_four_failures_do_not_lock_and_a_right_password_then_signs_in(
    persona: Callable[..., User],
) -> None:
    username = persona("caseworker").username
    client = Client()
    assert [attempt(client, username, "wrong-password") for _ in range(4)] == [200] * 4
    assert attempt(client, username, PASSWORD) == 302


def test_five_failures_lock_the_user_name_from_that_address(
    persona: Callable[..., User], english: None
) -> None:
    username = persona("caseworker").username
    client = Client()
    codes = [attempt(client, username, "wrong-password") for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    response = Client().post(
        LOGIN, {"username": username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked" in page
    assert "Try again in 30 minutes" in page
    # The lock is on the pair: the same user from another computer still signs in.
    assert attempt(Client(), username, PASSWORD, address="10.0.0.2") == 302


def test_the_lockout_lasts_thirty_minutes_and_counts_user_and_address_together() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_the_administrator_sees_the_failures(
    persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    username = persona("caseworker").username
    for _ in range(2):
        attempt(Client(), username, "wrong-password")
    administrator = client_as("administrator")
    attempts = administrator.get("/admin/axes/accessattempt/")
    assert attempts.status_code == 200
    assert username in attempts.content.decode()
    failures = administrator.get("/admin/axes/accessfailurelog/")
    assert failures.status_code == 200
    assert username in failures.content.decode()


# --- password validators -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("kort-lösen1", "shorter than 12 characters"),
        ("123456789012", "only digits"),
        ("password1234", "a common password"),
        ("annasvensson", "like the user name"),
    ],
)
def test_a_weak_password_is_refused(password: str, why: str) -> None:
    user = User(username="annasvensson", first_name="Anna", last_name="Svensson")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted() -> None:
    user = User(username="annasvensson", first_name="Anna", last_name="Svensson")
    validate_password("tåg-mot-kiruna-i-maj", user)


def test_all_four_of_djangos_validators_are_on() -> None:
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
