"""A signed decision never changes: enforced by the database too, not only by Decision.save().

Only `notified_on` (the day the applicant received the decision) and `updated_at` may be written
after signing; any other change, through the ORM, a queryset update or plain SQL, is refused.
Deleting stays possible: records are removed when the law no longer lets us keep them (gallring).
"""

from django.db import migrations

PROTECTED = [
    "household_id",
    "month",
    "kind",
    "outcome",
    "calculation_id",
    "calculated_amount",
    "amount",
    "deviation_reason",
    "reasons",
    "documents_checked",
    "personal_visit_held",
    "registered_at_af",
    "payee_clearing",
    "payee_account",
    "status",
    "corrects_id",
    "created_by_id",
    "signed_by_id",
    "signed_at",
]
MESSAGE = "a signed decision is never changed; make a correction"


def _changed(operator: str) -> str:
    return " OR ".join(f"NEW.{column} {operator} OLD.{column}" for column in PROTECTED)


def create(apps, schema_editor):  # noqa: ANN001, ANN201
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER decisions_signed_immutable BEFORE UPDATE ON decisions_decision "
            f"WHEN OLD.status = 'signed' AND ({_changed('IS NOT')}) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE FUNCTION decisions_signed_immutable() RETURNS trigger AS $$ BEGIN "
            f"IF OLD.status = 'signed' AND ({_changed('IS DISTINCT FROM')}) THEN "
            f"RAISE EXCEPTION '{MESSAGE}'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            "CREATE TRIGGER decisions_signed_immutable BEFORE UPDATE ON decisions_decision "
            "FOR EACH ROW EXECUTE FUNCTION decisions_signed_immutable()"
        )


def drop(apps, schema_editor):  # noqa: ANN001, ANN201
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS decisions_signed_immutable")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS decisions_signed_immutable ON decisions_decision")
        schema_editor.execute("DROP FUNCTION IF EXISTS decisions_signed_immutable()")


class Migration(migrations.Migration):
    dependencies = [("decisions", "0003_decision_notified_on_optional")]
    operations = [migrations.RunPython(create, drop)]
