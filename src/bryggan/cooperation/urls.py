from django.urls import path

from bryggan.cooperation import views

app_name = "cooperation"
urlpatterns = [
    path("samverkan/organisationer/", views.partner_list_view, name="partner_list"),
    path("samverkan/organisationer/ny/", views.partner_create_view, name="partner_create"),
    path(
        "samverkan/organisationer/<int:organisation_id>/",
        views.partner_edit_view,
        name="partner_edit",
    ),
    path(
        "samverkan/organisationer/<int:organisation_id>/kontakter/ny/",
        views.contact_create_view,
        name="contact_create",
    ),
    path("arenden/<int:household_id>/samtycken/", views.case_consents_view, name="case_consents"),
    path(
        "arenden/<int:household_id>/samtycken/nytt/",
        views.consent_create_view,
        name="consent_create",
    ),
    path(
        "arenden/<int:household_id>/samtycken/<int:consent_id>/aterkalla/",
        views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path(
        "arenden/<int:household_id>/samtycken/blankett/",
        views.consent_form_pdf_view,
        name="consent_form_pdf",
    ),
    path(
        "arenden/<int:household_id>/samtycken/utskrift/",
        views.disclosure_printout_view,
        name="disclosure_printout",
    ),
    path(
        "arenden/<int:household_id>/af-status/<int:person_id>/",
        views.af_status_edit_view,
        name="af_status_edit",
    ),
    path("partner/", views.partner_cases_view, name="partner_cases"),
    path("partner/personer/<int:person_id>/", views.partner_person_view, name="partner_person"),
]
