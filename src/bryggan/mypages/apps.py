from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MypagesConfig(AppConfig):
    name = "bryggan.mypages"
    label = "mypages"
    verbose_name = _("My pages")

    def ready(self) -> None:
        from bryggan.casefile.services_requests import news_hook_register  # noqa: PLC0415
        from bryggan.mypages.notify import notify_household_of_news  # noqa: PLC0415

        news_hook_register(notify_household_of_news)
        from bryggan.mypages import signals  # noqa: F401, PLC0415 - connects the receivers
