"""The case file's parts were built side by side, each from its own root migration; this joins
them into one history (no schema change)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("casefile", "0001_assessment"),
        ("casefile", "0001_documents"),
        ("casefile", "0001_journal"),
    ]
    operations: list[migrations.operations.base.Operation] = []
