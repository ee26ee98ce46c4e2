from django.urls import path

from bryggan.decisions import views, views_appeals, views_recovery

app_name = "decisions"
urlpatterns = [
    path("arenden/<int:household_id>/berakning/", views.calculation_page, name="calculation"),
    path(
        "arenden/<int:household_id>/berakning/forhandsvisning/",
        views.calculation_preview,
        name="calculation_preview",
    ),
    path(
        "arenden/<int:household_id>/berakning/<int:calculation_id>/",
        views.calculation_detail,
        name="calculation_detail",
    ),
    path("arenden/<int:household_id>/beslut/nytt/", views.decision_create, name="decision_create"),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/",
        views.decision_detail,
        name="decision_detail",
    ),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/signera/",
        views.decision_sign_view,
        name="decision_sign",
    ),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/mottaget/",
        views.decision_received,
        name="decision_received",
    ),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/beslut.pdf",
        views.decision_letter,
        name="decision_letter",
    ),
]
_claim = "arenden/<int:household_id>/aterkrav/<int:claim_id>/"
urlpatterns += [
    path(
        "arenden/<int:household_id>/aterkrav/",
        views_recovery.recovery_list,
        name="recovery_list",
    ),
    path(
        "arenden/<int:household_id>/aterkrav/nytt/",
        views_recovery.recovery_register,
        name="recovery_register",
    ),
    path(_claim, views_recovery.recovery_detail, name="recovery_detail"),
    path(
        f"{_claim}beslut/",
        views_recovery.recovery_decision_create,
        name="recovery_decision_create",
    ),
    path(f"{_claim}eftergift/", views_recovery.recovery_waiver_create, name="recovery_waiver"),
    path(
        f"{_claim}beslut/<int:recovery_decision_id>/signera/",
        views_recovery.recovery_decision_sign_view,
        name="recovery_decision_sign",
    ),
    path(
        f"{_claim}beslut/<int:recovery_decision_id>/mottaget/",
        views_recovery.recovery_decision_received,
        name="recovery_decision_received",
    ),
    path(
        f"{_claim}beslut/<int:recovery_decision_id>/beslut.pdf",
        views_recovery.recovery_letter,
        name="recovery_letter",
    ),
    path(f"{_claim}plan/", views_recovery.recovery_plan, name="recovery_plan"),
    path(f"{_claim}inbetalning/", views_recovery.recovery_repayment, name="recovery_repayment"),
    path(
        f"{_claim}polisanmalan/",
        views_recovery.recovery_police_report,
        name="recovery_police_report",
    ),
    path("aterkrav/preskription/", views_recovery.recovery_expiring, name="recovery_expiring"),
]
_appeal = "arenden/<int:household_id>/overklaganden/<int:appeal_id>/"
urlpatterns += [
    path(
        "arenden/<int:household_id>/overklaganden/",
        views_appeals.appeal_list,
        name="appeal_list",
    ),
    path(
        "arenden/<int:household_id>/overklaganden/nytt/",
        views_appeals.appeal_register_view,
        name="appeal_register",
    ),
    path(_appeal, views_appeals.appeal_detail, name="appeal_detail"),
    path(f"{_appeal}avvisa/", views_appeals.appeal_dismiss_view, name="appeal_dismiss"),
    path(f"{_appeal}omprova/", views_appeals.appeal_reconsider_view, name="appeal_reconsider"),
    path(f"{_appeal}overlamna/", views_appeals.appeal_forward_view, name="appeal_forward"),
    path(f"{_appeal}dom/", views_appeals.appeal_judgment_view, name="appeal_judgment"),
    path(
        f"{_appeal}avvisning.pdf",
        views_appeals.appeal_dismissal_letter,
        name="appeal_dismissal_letter",
    ),
    path(
        f"{_appeal}overlamnande.pdf",
        views_appeals.appeal_forwarding_letter,
        name="appeal_forwarding_letter",
    ),
]
