from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MypagesConfig(AppConfig):
    name = "bryggan.mypages"
    label = "mypages"
    verbose_name = _("My pages")
