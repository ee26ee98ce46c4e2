"""Creating staff accounts (used by the administrator's tools, the demo and the test personas)
and their second factor."""

from __future__ import annotations

from binascii import unhexlify
from datetime import datetime

from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.audit.services import change_record_write
from bryggan.core.parsing import is_ascii_digits


@transaction.atomic
def user_create(
    *,
    username: str,
    role: Role,
    unit: Unit | None,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    password_hash: str = "",
    sees_protected_identity: bool = False,
) -> User:
    """A staff account with one role; administrators also get the admin site.

    `password` is hashed with the configured hasher (about 0.4 s by design); `password_hash` is
    one already hashed (`make_password`), for loading many accounts that share a password, as the
    demo's logins do. Neither: the account signs in only through the identity provider."""
    if password is not None and password_hash:
        raise ValueError("give a password or its hash, not both")
    if password_hash:
        identify_hasher(password_hash)  # ValueError for anything not a hash (a plain password)
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=role.value,
        unit=unit,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
        sees_protected_identity=sees_protected_identity,
    )
    if password_hash:
        User.objects.filter(pk=user.pk).update(password=password_hash)
        user.password = password_hash
    return user


# The app's TOTP: RFC 6238's defaults, which every authenticator app reads from the QR code.
TOTP_STEP_SECONDS = 30
TOTP_DIGITS = 6
TOTP_TOLERANCE_STEPS = 1  # the code before and after the current one too: clocks drift


@transaction.atomic
def totp_device_enrol(*, user: User, key_hex: str, token: str, now: datetime) -> TOTPDevice | None:
    """Confirm the user's new authenticator: the device with `key_hex` (shown to the user as a QR
    code) once `token` is its code at `now`; None, and nothing stored, for a wrong code."""
    totp = TOTP(unhexlify(key_hex), TOTP_STEP_SECONDS, 0, TOTP_DIGITS, 0)
    totp.time = now.timestamp()
    if not is_ascii_digits(token) or not totp.verify(int(token), TOTP_TOLERANCE_STEPS):
        return None
    device = TOTPDevice.objects.create(
        user=user,
        name="Bryggan",
        key=key_hex,
        step=TOTP_STEP_SECONDS,
        digits=TOTP_DIGITS,
        tolerance=TOTP_TOLERANCE_STEPS,
        confirmed=True,
        last_t=totp.t(),  # this code cannot be used again to sign in
    )
    change_record_write(
        user=user,
        case_id=None,
        object_type="totp_device",
        object_id=device.pk,
        action="enrol",
        changes={"user": user.get_username()},
    )
    return device


def totp_device_verify(*, user: User, token: str) -> TOTPDevice | None:
    """The user's confirmed device whose current code `token` is, or None. django-otp throttles
    each device after a wrong code (its own transaction) and refuses a code used before."""
    token = token.strip()
    for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        with transaction.atomic():
            locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(token):
                return locked
    return None


def user_language_set(user: User, language: str) -> None:
    """Keep the language the user chose with the user, for every later sign-in and device."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        return
    user.language = language
    user.save(update_fields=["language"])
