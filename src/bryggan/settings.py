"""Django settings: one code path, the environment decides.

BRYGGAN_DATABASE_URL  a database URL (postgres://user:pass@host:5432/name); default: embedded SQLite
BRYGGAN_DATA_DIR      where the SQLite file and uploads live; default ./var
BRYGGAN_DATABASE_CONN_MAX_AGE seconds a server process keeps its database connection between
                      requests (checked before reuse); default 600 with debug off, else 0 (one
                      per request: the development server runs each request in a new thread)
BRYGGAN_SECRET_KEY    required when BRYGGAN_DEBUG is off
BRYGGAN_DEBUG         "1" for development (default on, so `make demo` works out of the box)
BRYGGAN_ALLOWED_HOSTS comma-separated host names
BRYGGAN_LOG_FORMAT    "json" (one JSON object a line; the default with debug off) or "text"
BRYGGAN_LOG_LEVEL     the application's log level; default INFO
BRYGGAN_SECURE_COOKIES "1" (the default with debug off): HTTPS only: session and CSRF cookies only
                      over HTTPS, plain HTTP redirected to HTTPS (but /halsa/), HSTS sent
BRYGGAN_HSTS_SECONDS  how long browsers must use HTTPS only; default one year
BRYGGAN_SESSION_IDLE_MINUTES  a session ends after this long without a request; default 30
BRYGGAN_SESSION_MAX_HOURS     and this long after sign-in whatever happens; default 10
BRYGGAN_REQUIRE_OTP   "1" (the default with debug off): a second factor (TOTP) after the password
BRYGGAN_DOCUMENTS_DIR where uploaded documents and stored letters live; default DATA_DIR/documents
BRYGGAN_DOCUMENT_MAX_BYTES the largest document accepted, in bytes; default 20 MiB
BRYGGAN_OIDC_STAFF_*  staff sign-in through the municipality's identity provider (OpenID Connect):
                      CLIENT_ID, CLIENT_SECRET, ISSUER, AUTHORIZATION_ENDPOINT, TOKEN_ENDPOINT,
                      USERINFO_ENDPOINT, JWKS_ENDPOINT; optional END_SESSION_ENDPOINT, SCOPES,
                      SIGN_ALGO (RS256), GROUPS_CLAIM (groups), USERNAME_CLAIM (preferred_username)
BRYGGAN_OIDC_APPLICANT_* applicants' sign-in with e-legitimation through the identity broker: the
                      same names, and PERSONNUMMER_CLAIM instead of the groups and user name
"""

from __future__ import annotations

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.oidc_settings import (
    APPLICANT_CLAIMS,
    APPLICANT_PREFIX,
    APPLICANT_SCOPES,
    STAFF_CLAIMS,
    STAFF_PREFIX,
    STAFF_SCOPES,
    client_settings,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("BRYGGAN_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = os.environ.get("BRYGGAN_DEBUG", "1") == "1"
# Used only with debug on; `bryggan serve` refuses it.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # noqa: S105 - refused outside debug
SECRET_KEY = os.environ.get("BRYGGAN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("BRYGGAN_SECRET_KEY must be set when BRYGGAN_DEBUG is off")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("BRYGGAN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "template_partials",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "bryggan.core",
    "bryggan.accounts",
    "bryggan.audit",
    "bryggan.people",
    "bryggan.intake",
    "bryggan.norm_entry",
    "bryggan.decisions",
    "bryggan.payments",
    "bryggan.statistics",
    "bryggan.followup",
    "bryggan.activities",
    "bryggan.planning",
    "bryggan.projects",
    "bryggan.reporting",
    "bryggan.casefile",
    "bryggan.mypages",
    "bryggan.retention",
    "bryggan.cooperation",
    "bryggan.reviews",
    "bryggan.desk",
    "bryggan.preassessment",
    "bryggan.employers",
    "bryggan.placements",
    "bryggan.demo",
]

MIDDLEWARE = [
    "bryggan.core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The page's language: the user's choice, else Swedish (never Accept-Language).
    "bryggan.accounts.middleware.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "bryggan.accounts.middleware.SessionLimitMiddleware",
    "bryggan.accounts.middleware.LoginRequiredMiddleware",
    "bryggan.accounts.middleware.SecondFactorMiddleware",
    "bryggan.core.middleware.NotFoundOrForbiddenMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bryggan.urls"
WSGI_APPLICATION = "bryggan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["bryggan.core.templatetags.presentation"],
        },
    }
]

_DATABASE_URL = os.environ.get("BRYGGAN_DATABASE_URL", "")
if not _DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _DATABASE_URL = f"sqlite:///{DATA_DIR / 'bryggan.sqlite3'}"
# Each process keeps its connection between requests: opening one costs PostgreSQL a new backend
# process, and cost each request about 15 ms (benchmarks/README.md, "Load"); a connection that
# broke meanwhile is noticed before reuse (health check) and opened anew.
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=int(os.environ.get("BRYGGAN_DATABASE_CONN_MAX_AGE", "0" if DEBUG else "600")),
        conn_health_checks=True,
    )
}
# Transactions belong to services (STYLE.md 2): no ATOMIC_REQUESTS.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Django's full set. Twelve characters, not Django's eight: with no composition rules (NIST SP
# 800-63B drops them) length is what makes a password hard to guess offline, and these accounts
# open social-services files; the lockout below only slows guessing on line.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes counts failed sign-ins first; the model backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # OpenID Connect (mozilla-django-oidc): each answers only its own callback, and only when its
    # client is configured below.
    "bryggan.accounts.oidc.StaffOIDCBackend",
    "bryggan.mypages.oidc.ApplicantOIDCBackend",
]
# OpenID Connect sign-in (accounts/oidc.py): staff through the municipality's identity provider,
# its groups mapped to a role and unit by the administrator (accounts.ClaimMapping); applicants
# with e-legitimation through the identity broker, the personnummer claim mapped to the person.
# A client without a client id is off. The provider's second factor counts: a session signed in
# this way is not asked for the local TOTP code.
BRYGGAN_OIDC = {
    "staff": client_settings(STAFF_PREFIX, os.environ, claims=STAFF_CLAIMS, scopes=STAFF_SCOPES),
    "applicant": client_settings(
        APPLICANT_PREFIX, os.environ, claims=APPLICANT_CLAIMS, scopes=APPLICANT_SCOPES
    ),
}
# Signing out also ends the session at the provider when it names an end-session endpoint.
OIDC_OP_LOGOUT_URL_METHOD = "bryggan.accounts.oidc.provider_logout_url"
# Five failures for one user name from one address lock that pair out for 30 minutes: a guesser
# is stopped, while a colleague's typos elsewhere cannot lock a caseworker out of her account.
# The failures are listed for the administrator in the admin site (Axes: access attempts).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = (
    True  # each failure kept for the administrator, even after a success
)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Sign-ins through an identity provider are the provider's to lock out (accounts/oidc.py).
AXES_WHITELIST_CALLABLE = "bryggan.accounts.oidc.is_provider_callback"
# The second factor: TOTP (django-otp) after the password. Required with debug off; the demo and
# most tests run with debug on and sign in with the password alone.
BRYGGAN_REQUIRE_OTP = os.environ.get("BRYGGAN_REQUIRE_OTP", "0" if DEBUG else "1") == "1"
OTP_TOTP_ISSUER = "Bryggan"
# The admin site lists users' authenticators (an administrator deletes a lost one, and its user
# enrols anew) but never shows their keys.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# whitenoise serves the collected static files under `bryggan serve` (gzip and brotli-free
# compression; no manifest, so a vendored file's source-map comment cannot break collectstatic).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Sessions live in the database (Django's default engine), so app servers keep no state and signing
# out ends the session on the server. A session ends after an idle time and at a fixed maximum
# (accounts.middleware.SessionLimitMiddleware); the cookie itself dies with the browser.
BRYGGAN_SESSION_IDLE_MINUTES = int(os.environ.get("BRYGGAN_SESSION_IDLE_MINUTES", "30"))
BRYGGAN_SESSION_MAX_HOURS = int(os.environ.get("BRYGGAN_SESSION_MAX_HOURS", "10"))
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = BRYGGAN_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Cookies only over HTTPS outside debug. A walk over plain HTTP on the loopback (CI's smoke walk
# of `bryggan serve`) turns this off with BRYGGAN_SECURE_COOKIES=0; production never should.
SECURE_COOKIES = os.environ.get("BRYGGAN_SECURE_COOKIES", "0" if DEBUG else "1") == "1"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
# Behind the municipality's TLS-terminating proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only, with the same switch: plain HTTP is redirected (the load balancer's /halsa/ is not)
# and browsers are told to use HTTPS only, for the host and below it, for a year. `preload` only
# allows a later entry in the browsers' preload list, which needs the municipality's own request.
SECURE_SSL_REDIRECT = SECURE_COOKIES
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
SECURE_HSTS_SECONDS = (
    int(os.environ.get("BRYGGAN_HSTS_SECONDS", str(365 * 24 * 3600))) if SECURE_COOKIES else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp 4): only this site's own files; no inline script or style
# (no <script> without src, no style attribute, no <style> element), no eval, no frames, no
# plugins. htmx is told in base.html not to add its indicator style nor to evaluate code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# With debug on (the demo), also the vendored axe-core by its hash: the team's accessibility crawl
# (shared/tools/crawl.py) injects it into each page as an inline script. Nothing else inline runs.
_AXE = next((PACKAGE_DIR / "static" / "vendor").glob("axe-core-*.min.js"), None)
if DEBUG and _AXE is not None:
    _AXE_HASH = base64.b64encode(hashlib.sha256(_AXE.read_bytes()).digest()).decode()
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"].append(f"'sha256-{_AXE_HASH}'")

# Caseload cap per caseworker when a unit sets none (Borås: at most 40–45 cases each).
DEFAULT_CASELOAD_CAP = 45

# The access-log review flags a user who read more than this many distinct cases within this many
# minutes (people/selectors_access_log.py). No law or guidance fixes the figures: a starting point
# for the municipality's own log follow-up (*loggkontroll*) to tune.
ACCESS_LOG_BURST_CASES = int(os.environ.get("BRYGGAN_ACCESS_LOG_BURST_CASES", "30"))
ACCESS_LOG_BURST_MINUTES = int(os.environ.get("BRYGGAN_ACCESS_LOG_BURST_MINUTES", "10"))

# Logs go to standard error (systemd's journal or the container's log); one JSON object a line by
# default in production. Each record carries the id of the request it was made in.
LOG_FORMAT = os.environ.get("BRYGGAN_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "bryggan.core.request_log.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Request lines only in production: the development server prints its own.
        "bryggan.request": {"level": "WARNING" if DEBUG else "INFO"},
        "bryggan": {"level": os.environ.get("BRYGGAN_LOG_LEVEL", "INFO")},
    },
}

# The paying municipality, as it appears in the pain.001 file (debtor). The defaults are the demo's
# placeholders, not a real municipality: the account is the example Swedish IBAN of SWIFT's IBAN
# registry. Production sets every one from the environment.
BRYGGAN_MUNICIPALITY = {
    "name": os.environ.get("BRYGGAN_MUNICIPALITY_NAME", "Demokommunen"),
    # Four-digit kommunkod (SCB) in the register export; 9999 is no municipality: the demo's.
    "code": os.environ.get("BRYGGAN_MUNICIPALITY_CODE", "9999"),
    "org_number": os.environ.get("BRYGGAN_MUNICIPALITY_ORG_NUMBER", "2120000001"),
    "payment_account": os.environ.get("BRYGGAN_MUNICIPALITY_ACCOUNT", "SE4550000000058398257466"),
    "bic": os.environ.get("BRYGGAN_MUNICIPALITY_BIC", "ESSESESS"),
}

# The municipality's e-service platform (which identifies the client with e-legitimation) signs
# action plans through /api/e-service/: it sends `Authorization: Bearer <token>`, and this is the
# token's SHA-256 in hex. Empty: the e-service endpoints refuse every call.
BRYGGAN_ESERVICE_TOKEN_SHA256 = os.environ.get("BRYGGAN_ESERVICE_TOKEN_SHA256", "").lower()

# How many days ahead the unit's list of recovery claims warns that the three-year limit for court
# action (SoL 2025:400 33 kap. 5 §) is near. The unit's own choice, not law.
BRYGGAN_RECOVERY_LIMIT_WARNING_DAYS = int(
    os.environ.get("BRYGGAN_RECOVERY_LIMIT_WARNING_DAYS", "90")
)
# The case's documents (*handlingar*) and the letters sent, stored outside the web root (nothing
# serves this folder: a file is read only through the case gate). 14 kap. 7 § SoL (2025:400).
BRYGGAN_DOCUMENTS_DIR = Path(
    os.environ.get("BRYGGAN_DOCUMENTS_DIR", str(DATA_DIR / "documents"))
).resolve()
# The unit's own limit, not law: scanned payslips and statements fit well within 20 MiB.
BRYGGAN_DOCUMENT_MAX_BYTES = int(os.environ.get("BRYGGAN_DOCUMENT_MAX_BYTES", "20971520"))  # 20 MiB

# How long a consent to share information with partner organisations lasts unless the form says
# otherwise, in months. The length is the municipality's choice (its consent forms), not the law's:
# OSL 12 kap. 2 § lets the person lift secrecy and withdraw that at any moment, and sets no period.
BRYGGAN_CONSENT_DEFAULT_MONTHS = int(os.environ.get("BRYGGAN_CONSENT_DEFAULT_MONTHS", "12"))
# My work (bryggan.desk). The day of the month on which the unit pays försörjningsstöd: the
# deadline of applications, drafted decisions and sanction proposals of that month. Each
# municipality fixes its own day; 25 is a placeholder, not verified against any municipality.
BRYGGAN_PAYMENT_DAY = int(os.environ.get("BRYGGAN_PAYMENT_DAY", "25"))
# How many days ahead the desk shows follow-ups and plan revisions that are not yet due.
BRYGGAN_DESK_LOOKAHEAD_DAYS = int(os.environ.get("BRYGGAN_DESK_LOOKAHEAD_DAYS", "7"))
# How long the menu's counts of waiting items are kept per user in Django's cache (seconds): a
# count may lag a change by this long; nothing invalidates it. My work itself always counts afresh.
BRYGGAN_DESK_COUNT_SECONDS = int(os.environ.get("BRYGGAN_DESK_COUNT_SECONDS", "30"))
# Months after its last signature that an action plan is due for revision. No law sets it: the
# unit's routine (a placeholder of six months, not verified).
BRYGGAN_PLAN_REVISION_MONTHS = int(os.environ.get("BRYGGAN_PLAN_REVISION_MONTHS", "6"))
# My pages (*Mina sidor*). How many days after an application came in the unit aims to decide;
# past it without a decision the case page says a preliminary reply is due (förvaltningslagen
# 11 §). The law sets no number: this is the unit's own target, a default not taken from a source.
BRYGGAN_DECISION_TARGET_DAYS = int(os.environ.get("BRYGGAN_DECISION_TARGET_DAYS", "14"))
# The address of My pages put in notices ("there is news on My pages"): nothing personal.
BRYGGAN_MYPAGES_URL = os.environ.get("BRYGGAN_MYPAGES_URL", "http://localhost:8000/mina-sidor/")
# The SMS gateway: "log" (the stub: logs that a text would go, never the number) until a
# municipality connects its provider.
BRYGGAN_SMS_BACKEND = os.environ.get("BRYGGAN_SMS_BACKEND", "log")
# Notices by e-mail go through Django's mail backend to the municipality's mail server (in
# development, printed to the console instead).
EMAIL_BACKEND = os.environ.get(
    "BRYGGAN_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("BRYGGAN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("BRYGGAN_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("BRYGGAN_FROM_EMAIL", "mina-sidor@example.invalid")
