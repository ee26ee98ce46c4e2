"""`user_create`: a password is hashed; a hash made once serves several accounts (the demo's
logins), each of which then signs in with the password."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "ett-långt-lösenord-för-test"


def test_accounts_sharing_one_hash_each_sign_in_with_the_password() -> None:
    shared = make_password(PASSWORD)
    for username in ("anna", "bertil"):
        user = user_create(username=username, role=Role.ANALYST, unit=None, password_hash=shared)
        user.refresh_from_db()
        assert user.password == shared
        assert user.check_password(PASSWORD)
        assert not user.check_password("fel")
        response = Client().post("/logga-in/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302  # signed in: on to the start page
    wrong = Client().post("/logga-in/", {"username": "anna", "password": "fel-lösenord"})
    assert wrong.status_code == 200  # the form again


def test_without_a_password_the_account_has_no_usable_one() -> None:
    user = user_create(username="cecilia", role=Role.ANALYST, unit=None)
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_password_and_a_hash_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        user_create(
            username="david",
            role=Role.ANALYST,
            unit=None,
            password=PASSWORD,
            password_hash=make_password(PASSWORD),
        )


def test_a_plain_password_given_as_the_hash_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown password hashing algorithm"):
        user_create(username="erik", role=Role.ANALYST, unit=None, password_hash=PASSWORD)
