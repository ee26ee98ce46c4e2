"""An expired sign-in in the middle of the renewal form: the POST that comes after the session
ended goes to the sign-in, and after signing in again the form comes back with what was typed
(for the same person only, and only for a short time); sending it then makes one application."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.middleware import LAST_SEEN_AT
from bryggan.accounts.models import User
from bryggan.mypages import keep_apply
from bryggan.mypages.models import OnlineApplication
from bryggan.mypages.services import applicant_user_for
from tests.mypages.conftest import Own
from tests.preassessment.factories import RENT, RenewalCase

pytestmark = pytest.mark.django_db
URL = reverse("mypages:apply_renewal")
TYPED = "4321"


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _typed_form(client: Client, case: RenewalCase) -> dict[str, Any]:
    page = client.get(URL).content.decode()
    token = re.search(r'name="kept_for" value="([^"]+)"', page)
    assert token is not None
    return {
        "kept_for": token.group(1),
        "key": str(uuid.uuid4()),
        "month": str(case.month),
        "line_0_amount": str(RENT),
        "line_1_amount": TYPED,
        "send": "1",
    }


def _go_idle(client: Client) -> None:
    session = client.session
    session[LAST_SEEN_AT] = time.time() - 24 * 3600
    session.save()


def test_after_an_idle_sign_out_the_typed_form_comes_back_after_signing_in(
    case: RenewalCase,
) -> None:
    client = _signed_in(case.applicant)
    data = _typed_form(client, case)
    _go_idle(client)

    response = client.post(URL, data)

    assert response.status_code == 302
    assert response.url.startswith(reverse("mypages:signin"))
    assert not OnlineApplication.objects.exists()
    client.force_login(case.applicant)  # signs in again in the same browser
    page = client.get(URL).content.decode()
    assert f'value="{TYPED}"' in page
    assert f'value="{data["key"]}"' in page  # the same key: sending again makes one application
    client.post(URL, data | {"kept_for": ""})
    client.post(URL, data | {"kept_for": ""})
    assert OnlineApplication.objects.count() == 1
    assert f'value="{TYPED}"' not in _signed_in(case.applicant).get(URL).content.decode()


def test_a_post_without_any_session_is_kept_too(case: RenewalCase) -> None:
    client = _signed_in(case.applicant)
    data = _typed_form(client, case)
    client.logout()  # the session row is gone on the server

    response = client.post(URL, data)

    assert response.status_code == 302
    client.force_login(case.applicant)
    assert f'value="{TYPED}"' in client.get(URL).content.decode()


def test_someone_else_signing_in_on_the_same_browser_gets_nothing(
    case: RenewalCase, own: Own
) -> None:
    client = _signed_in(case.applicant)
    data = _typed_form(client, case)
    _go_idle(client)
    client.post(URL, data)

    client.force_login(own.user)  # another applicant, in the session the form was kept in

    assert f'value="{TYPED}"' not in client.get(URL).content.decode()
    assert keep_apply.SESSION_KEY not in client.session  # and it is gone


def test_the_kept_form_is_offered_only_for_a_short_time(case: RenewalCase) -> None:
    client = _signed_in(case.applicant)
    data = _typed_form(client, case)
    _go_idle(client)
    client.post(URL, data)
    client.force_login(case.applicant)

    later = time.time() + (keep_apply.KEEP_MINUTES + 1) * 60
    with mock.patch.object(keep_apply.time, "time", return_value=later):
        page = client.get(URL).content.decode()

    assert f'value="{TYPED}"' not in page


def test_a_forged_token_keeps_nothing(case: RenewalCase) -> None:
    client = _signed_in(case.applicant)
    data = _typed_form(client, case) | {"kept_for": f"{case.person.pk}:forged"}
    _go_idle(client)
    client.post(URL, data)
    client.force_login(applicant_user_for(case.person))

    assert f'value="{TYPED}"' not in client.get(URL).content.decode()
