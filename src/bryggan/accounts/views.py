"""Sign-in (password, then the second factor), sign-out and the start page, which differs by
role."""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from bryggan.accounts.decorators import public, requires
from bryggan.accounts.forms import WRONG_CODE, TotpCodeForm
from bryggan.accounts.middleware import second_factor_exempt
from bryggan.accounts.oidc import STAFF, is_configured, sign_out
from bryggan.accounts.roles import Capability
from bryggan.accounts.selectors import totp_device_confirmed, unit_summaries
from bryggan.accounts.services import totp_device_enrol, totp_device_verify, user_language_set

ENROL_KEY = "bryggan_totp_enrol_key"


@public
def login_view(request: HttpRequest) -> HttpResponse:
    return auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        extra_context={"provider_sign_in": is_configured(STAFF)},
    )(request)


@second_factor_exempt
@require_POST
@requires(Capability.SIGNED_IN)
def logout_view(request: HttpRequest) -> HttpResponse:
    """Ends the session on the server, and at the identity provider when it came from one."""
    return sign_out(request)


@requires(Capability.SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.can(Capability.VIEW_CASES):  # type: ignore[union-attr]
        return redirect("desk:my_work")
    if user.can(Capability.OWN_PAGES):  # type: ignore[union-attr]
        return redirect("mypages:home")
    if user.can(Capability.PARTNER_CASES):  # type: ignore[union-attr]
        return redirect("cooperation:partner_cases")
    if user.can(Capability.VIEW_STATISTICS):  # type: ignore[union-attr]
        return render(
            request,
            "accounts/home_statistics.html",
            {"units": unit_summaries(today=timezone.localdate())},
        )
    return render(request, "accounts/home.html")


def _next(request: HttpRequest) -> str:
    """Where to go after the second factor: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> HttpResponse:
    response = redirect(name)
    response["Location"] += "?" + urlencode({"next": _next(request)})
    return response


@second_factor_exempt
@never_cache
@requires(Capability.SIGNED_IN)
def otp_verify_view(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code of the user's authenticator app."""
    user = request.user
    if not totp_device_confirmed(user):  # type: ignore[arg-type]
        return _with_next("accounts:otp_enrol", request)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = totp_device_verify(user=user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", WRONG_CODE)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})


def _qr_svg(uri: str, label: str) -> str:
    """The otpauth URI as an SVG QR code, drawn here: no script and no request elsewhere."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", f'<svg class="qr" role="img" aria-label="{escape(label)}" ', 1)


@second_factor_exempt
@never_cache
@requires(Capability.SIGNED_IN)
def otp_enrol_view(request: HttpRequest) -> HttpResponse:
    """A user with no authenticator yet adds one: scan the QR code (or type the key), then give the
    code it shows. A user who has one is sent to type its code instead (a stolen password alone
    cannot add a second authenticator)."""
    user = request.user
    if totp_device_confirmed(user):  # type: ignore[arg-type]
        return _with_next("accounts:otp_verify", request)
    key_hex = request.session.get(ENROL_KEY) or random_hex(20)
    request.session[ENROL_KEY] = key_hex
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = totp_device_enrol(
            user=user,  # type: ignore[arg-type]
            key_hex=key_hex,
            token=form.cleaned_data["token"].strip(),
            now=timezone.now(),
        )
        if device is not None:
            del request.session[ENROL_KEY]
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is added."))
            return redirect(_next(request))
        form.add_error("token", WRONG_CODE)
    uri = TOTPDevice(user=user, key=key_hex).config_url
    secret = b32encode(unhexlify(key_hex)).decode()
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "next": _next(request),
            "qr": mark_safe(_qr_svg(uri, _("QR code for the authenticator app"))),  # noqa: S308 - drawn here from our own key
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "uri": uri,
        },
    )


@public
def language_view(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also keeps a signed-in user's choice with the user."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(request.user, request.POST.get("language", ""))  # type: ignore[arg-type]
    return response
