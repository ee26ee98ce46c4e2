"""Closures record whether the case was long-term when closed; closures made before are filled in
from their households' standing payments.

The rule is copied here as it stood (`rules.was_long_term_when_closed`, 2026-11-23), so that the
migration does the same on any database even if the rule changes later.
"""

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import migrations, models


def _month_index(text: str) -> int:
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def was_long_term_when_closed(paid: set[int], *, closed_on: date) -> bool:
    """10 or more of the 12 months ending with the closure's month or the month before it."""
    month = closed_on.year * 12 + closed_on.month - 1
    return any(sum(1 for m in paid if 0 <= as_of - m < 12) >= 10 for as_of in (month, month - 1))


def record_long_term(apps: Any, schema_editor: Any) -> None:
    closure_model = apps.get_model("followup", "Closure")
    payment_model = apps.get_model("payments", "Payment")
    closures = list(closure_model.objects.all())
    months: dict[int, set[int]] = defaultdict(set)
    for household_id, month in payment_model.objects.filter(
        status="sent", decision__household_id__in={c.household_id for c in closures}
    ).values_list("decision__household_id", "decision__month"):
        months[household_id].add(_month_index(month))
    for closure in closures:
        closure.long_term = was_long_term_when_closed(
            months[closure.household_id], closed_on=closure.closed_on
        )
    closure_model.objects.bulk_update(closures, ["long_term"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_assistance_months_for_the_board"),
        ("payments", "0001_initial"),
        ("decisions", "0004_signed_decisions_immutable_in_the_database"),
    ]

    operations = [
        migrations.AddField(
            model_name="closure",
            name="long_term",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Assistance in 10 or more of the 12 months ending with the month of the "
                    "closure or the month before it."
                ),
                verbose_name="long-term when closed",
            ),
        ),
        migrations.RunPython(record_long_term, migrations.RunPython.noop, elidable=True),
    ]
