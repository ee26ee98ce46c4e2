from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreassessmentConfig(AppConfig):
    name = "bryggan.preassessment"
    label = "preassessment"
    verbose_name = _("Pre-assessment of renewals")
