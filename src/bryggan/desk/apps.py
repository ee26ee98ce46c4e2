from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "bryggan.desk"
    label = "desk"
    verbose_name = _("My work")

    def ready(self) -> None:
        # The kinds of item shipped with the desk, then every app's own `<app>/desk.py`.
        from bryggan.desk import kinds  # noqa: F401, PLC0415

        autodiscover_modules("desk")
