from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "bryggan.followup"
    label = "followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from bryggan.followup import signals  # noqa: F401, PLC0415 - connects the receivers
