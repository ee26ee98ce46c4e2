from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormEntryConfig(AppConfig):
    name = "bryggan.norm_entry"
    label = "norm_entry"
    verbose_name = _("Norm tables")
