"""Scale a generated demo up by copying it: the demo municipality, tiled K times in one database.

The demo generator writes every record through the application's services (about 0.4 s per
household on PostgreSQL on the shared build machine), so 15,000 households would take it hours.
This copies what it wrote instead, K - 1 more times, on PostgreSQL with one `INSERT … SELECT` per
table and copy: every table of the municipality's own data (units, staff, households, people, and
everything that hangs from them, the access log and change history included) gets each copy's ids
shifted by `k * OFFSET`, and every reference to a copied table the same; tables shared by the
whole installation (norms, payment runs, the reporting file, permissions, sessions, the chains'
heads) are not copied. Values that must be unique get a copy's mark: personnummer a new valid one
(another serial number, Luhn check digit), every other unique text (user and unit names, payment
references, stored document names, sign-in claims) a suffix, a unique UUID a new one. Copy k's
staff sign in as `<username>_k` with the demo's password; their caseloads are the size the
generator gave the original's.

What is not true of the copies: their access log and change history chains do not verify (the
rows are copies with new ids; `bryggan audit-verify` would say so), and the copied documents'
files are not on disk. Neither is read by the load scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

OFFSET = 10_000_000
# Shared by the whole installation: not copied.
SHARED_APPS = {"admin", "auth", "axes", "contenttypes", "norm_entry", "otp_totp", "sessions"}
SHARED_MODELS = {
    "audit.chainhead",
    "payments.paymentrun",
    "reporting.reportingfile",
    "followup.boardmonth",
    "decisions.normtable",
    "retention.researchbirthday",
    "retention.researchsamplearea",
    "retention.retainedregisterrow",
    "reporting.reportsubmission",
}
# Columns that hold an id of a copied row without being a foreign key.
ID_TEXT_COLUMNS = {"object_id"}


def _label(model: Any) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def copied_models() -> list[Any]:
    from django.apps import apps  # noqa: PLC0415
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    user = get_user_model()
    chosen = []
    for model in apps.get_models(include_auto_created=True):
        label = _label(model)
        if model._meta.proxy or not model._meta.managed:
            continue
        if label in SHARED_MODELS:
            continue
        # the user's groups/permissions tables go with the user
        if (
            model._meta.app_label in SHARED_APPS
            and model is not user
            and not (model._meta.auto_created and user in _targets(model))
        ):
            continue
        chosen.append(model)
    return chosen


def _targets(model: Any) -> list[Any]:
    return [f.related_model for f in model._meta.concrete_fields if f.is_relation]


def _an_id(field: Any) -> bool:
    """An integer that holds a copied row's id without being a foreign key (`letter_for_id`)."""
    from django.db import models  # noqa: PLC0415

    return isinstance(field, models.IntegerField) and field.column.endswith("_id")


def _suffixed(model: Any, field: Any) -> bool:
    """A unique text column (user and unit names, stored file names, payment references, the
    sign-in claims mapped to users), or the last text column of a unique constraint with no
    column a copy shifts (an external identity's subject): whatever such column a later model
    adds too. A constraint with a shifted column (a household, a case) is unique per copy."""
    from django.db import models  # noqa: PLC0415

    def text(f: Any) -> bool:
        return isinstance(f, models.CharField | models.TextField)

    if not text(field):
        return False
    if field.unique:
        return True
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        fields = [model._meta.get_field(name) for name in constraint.fields]
        if any(f.is_relation or f.primary_key or _an_id(f) for f in fields):
            continue
        if [f for f in fields if text(f)][-1:] == [field]:
            return True
    return False


def _expression(model: Any, field: Any, copied: set[str], k: int) -> str:
    from django.db import models  # noqa: PLC0415

    column = f'"{field.column}"'
    shift = k * OFFSET
    if field.is_relation:
        if _label(field.related_model) in copied:
            return f"{column} + {shift}"
        return column
    if field.primary_key and isinstance(field, models.AutoField | models.BigAutoField):
        return f"{column} + {shift}"
    if _an_id(field):
        return f"{column} + {shift}"
    if field.column in ID_TEXT_COLUMNS:
        return (
            f"CASE WHEN {column} ~ '^[0-9]{{1,12}}$' "
            f"THEN (CAST({column} AS bigint) + {shift})::text ELSE {column} END"
        )
    if field.column == "identity_number":
        return f"(SELECT new FROM tile_identity WHERE old = identity_number AND k = {k})"  # noqa: S608
    if _suffixed(model, field):
        return f"{column} || '_{k}'"
    if field.unique and isinstance(field, models.UUIDField):  # an online application's key
        return "gen_random_uuid()"
    return column


def _luhn_number(birth_digits: str, serial: int) -> str:
    from stdnum import luhn  # noqa: PLC0415

    body = f"{birth_digits[2:]}{serial:03d}"
    return f"{birth_digits}-{serial:03d}{luhn.calc_check_digit(body)}"


def tile(copies: int, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Copy the municipality's data `copies - 1` more times; return rows per table after."""
    from django.db import connection, transaction  # noqa: PLC0415

    from bryggan.people.models import Person  # noqa: PLC0415

    models_ = copied_models()
    copied = {_label(m) for m in models_}
    with transaction.atomic(), connection.cursor() as cursor:
        # New personnummer per copy: same birth date, a serial number not used by anyone.
        numbers = list(Person.objects.values_list("identity_number", flat=True))
        taken = set(numbers)
        cursor.execute("CREATE TEMP TABLE tile_identity (k int, old text, new text) ON COMMIT DROP")
        rows = []
        for k in range(1, copies):
            for old in numbers:
                digits, serial = old[:8], int(old[9:12])
                for step in range(1, 1000):
                    candidate = _luhn_number(digits, (serial + step * 7 + k) % 1000)
                    if candidate not in taken:
                        break
                taken.add(candidate)
                rows.append((k, old, candidate))
        with cursor.copy("COPY tile_identity (k, old, new) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute("CREATE INDEX ON tile_identity (old, k)")
        cursor.execute("SET LOCAL session_replication_role = replica")  # no triggers, no FK checks
        for k in range(1, copies):
            for model in models_:
                fields = model._meta.concrete_fields
                columns = ", ".join(f'"{f.column}"' for f in fields)
                values = ", ".join(_expression(model, f, copied, k) for f in fields)
                table = model._meta.db_table
                cursor.execute(
                    f'INSERT INTO "{table}" ({columns}) SELECT {values} FROM "{table}" '  # noqa: S608 - our own table and column names
                    f"WHERE {_original(model)}"
                )
            if progress:
                progress(f"copy {k + 1} of {copies}")
        for model in models_:
            pk = model._meta.pk
            if pk.column == "id":
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                    f'(SELECT COALESCE(max(id), 1) FROM "{table}"))'
                )
    counts = {}
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f'SELECT count(*) FROM "{model._meta.db_table}"')  # noqa: S608
            counts[model._meta.db_table] = cursor.fetchone()[0]
    return counts


def _original(model: Any) -> str:
    """Rows of the original demo: those whose id (or first copied reference) is below OFFSET."""
    pk = model._meta.pk
    if pk.is_relation:  # a one-to-one primary key
        return f'"{pk.column}" < {OFFSET}'
    if pk.column == "id":
        return f'"id" < {OFFSET}'
    return "TRUE"
