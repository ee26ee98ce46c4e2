"""Today's research sample of SoL (2025:400) 16 kap. 4 §, as data the administrator may change.

Socialtjänstförordningen (2025:468) 13 kap. 1 § (SoF (2001:937) 7 kap. 2 § before it), per
shared/domain/case-file.md: the municipalities of Östergötlands (county 05), Gotlands (09) and
Västernorrlands (22) län and Göteborg (1480) keep every file; every other municipality keeps the
files of persons born on the 5th, 15th and 25th. County and municipality codes are SCB's.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

SOURCE = "SoF (2025:468) 13 kap. 1 §"
DAYS = (5, 15, 25)
AREAS = (
    ("05", "Östergötlands län"),
    ("09", "Gotlands län"),
    ("22", "Västernorrlands län"),
    ("1480", "Göteborg"),
)


def seed(apps: Any, schema_editor: Any) -> None:
    birth_day = apps.get_model("retention", "ResearchBirthDay")
    area = apps.get_model("retention", "ResearchSampleArea")
    for day in DAYS:
        birth_day.objects.get_or_create(day=day, defaults={"source": SOURCE})
    for code, name in AREAS:
        area.objects.get_or_create(code=code, defaults={"name": name, "source": SOURCE})


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("retention", "ResearchBirthDay").objects.filter(day__in=DAYS).delete()
    apps.get_model("retention", "ResearchSampleArea").objects.filter(
        code__in=[code for code, _ in AREAS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_retention")]

    operations = [migrations.RunPython(seed, unseed)]
