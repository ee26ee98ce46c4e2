from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "bryggan.reviews"
    label = "reviews"
    verbose_name = _("Joint case reviews")

    def ready(self) -> None:
        # A withdrawn consent takes the person's case off the agendas of meetings not yet held.
        # Cooperation announces the withdrawal and must not know this app (it sits below it).
        from bryggan.cooperation.signals import consent_withdrawn  # noqa: PLC0415
        from bryggan.reviews.services import agenda_items_remove_on_withdrawal  # noqa: PLC0415

        consent_withdrawn.connect(
            agenda_items_remove_on_withdrawal, dispatch_uid="reviews_agenda_on_withdrawal"
        )
