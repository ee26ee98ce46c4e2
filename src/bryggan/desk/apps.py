from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "bryggan.desk"
    label = "desk"
    verbose_name = _("My work")

    def ready(self) -> None:
        # The kinds of item shipped with the desk, then every app's own `<app>/desk.py`.
        from bryggan.audit.signals import cases_changed  # noqa: PLC0415
        from bryggan.desk import kinds  # noqa: F401, PLC0415
        from bryggan.desk.freshness import on_cases_changed  # noqa: PLC0415

        autodiscover_modules("desk")
        # The menu's counts forget what they counted when a case changes (desk/freshness.py).
        cases_changed.connect(on_cases_changed, dispatch_uid="desk-counts-forget")
