"""Closures record whether the case was long-term when closed; closures made before are filled in
from their households' standing payments by the same rule (`rules.was_long_term_when_closed`)."""

from collections import defaultdict
from typing import Any

from django.db import migrations, models

from bryggan.core.month import Month
from bryggan.followup.rules import was_long_term_when_closed


def record_long_term(apps: Any, schema_editor: Any) -> None:
    closure_model = apps.get_model("followup", "Closure")
    payment_model = apps.get_model("payments", "Payment")
    closures = list(closure_model.objects.all())
    months: dict[int, set[Month]] = defaultdict(set)
    for household_id, month in payment_model.objects.filter(
        status="sent", decision__household_id__in={c.household_id for c in closures}
    ).values_list("decision__household_id", "decision__month"):
        months[household_id].add(Month.parse(month))
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
                help_text="Assistance in 10 or more of the 12 months before the closure.",
                verbose_name="long-term when closed",
            ),
        ),
        migrations.RunPython(record_long_term, migrations.RunPython.noop, elidable=True),
    ]
