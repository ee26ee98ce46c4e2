from django.urls import path

from bryggan.mypages import views, views_apply, views_consents, views_pages, views_signin

app_name = "mypages"
urlpatterns = [
    path("mina-sidor/", views.home_view, name="home"),
    path("mina-sidor/ansok/", views_apply.apply_start, name="apply_start"),
    path("mina-sidor/ansok/forsta/", views_apply.apply_first, name="apply_first"),
    path("mina-sidor/ansok/fornya/", views_apply.apply_renewal, name="apply_renewal"),
    path(
        "mina-sidor/ansok/fornya/forhandsberakning/",
        views_apply.apply_preview,
        name="apply_preview",
    ),
    path(
        "mina-sidor/ansok/<int:online_id>/kvitto/", views_apply.apply_receipt, name="apply_receipt"
    ),
    path("mina-sidor/logga-in/", views_signin.signin_view, name="signin"),
    path(
        "mina-sidor/logga-in/e-legitimation/",
        views_signin.oidc_authenticate_view,
        name="oidc_authenticate",
    ),
    path("mina-sidor/logga-in/callback/", views_signin.oidc_callback_view, name="oidc_callback"),
    path("mina-sidor/logga-in/nekad/", views_signin.signin_refused_view, name="signin_refused"),
    path("mina-sidor/logga-in/demo/", views_signin.demo_signin_view, name="demo_signin"),
]

MINE = "mina-sidor/"
urlpatterns += [
    path(f"{MINE}begaran/", views_pages.requests_view, name="requests"),
    path(
        f"{MINE}begaran/<int:request_id>/skicka/",
        views_pages.request_upload_view,
        name="request_upload",
    ),
    path(f"{MINE}beslut/", views_pages.decisions_view, name="decisions"),
    path(
        f"{MINE}beslut/<int:decision_id>/", views_pages.decision_detail_view, name="decision_detail"
    ),
    path(
        f"{MINE}beslut/<int:decision_id>/brev/",
        views_pages.decision_letter_view,
        name="decision_letter",
    ),
    path(
        f"{MINE}beslut/<int:decision_id>/overklaga/",
        views_pages.appeal_send_view,
        name="appeal_send",
    ),
    path(f"{MINE}utbetalningar/", views_pages.payments_view, name="payments"),
    path(f"{MINE}plan/", views_pages.plan_view, name="plan"),
    path(f"{MINE}plan/signera/", views_pages.plan_sign_view, name="plan_sign"),
    path(f"{MINE}aktiviteter/", views_pages.activities_view, name="activities"),
    path(
        f"{MINE}aktiviteter/<int:referral_id>/franvaro/",
        views_pages.absence_report_view,
        name="absence_report",
    ),
    path(f"{MINE}mina-uppgifter/", views_pages.my_data_view, name="my_data"),
    path(f"{MINE}mina-uppgifter.json", views_pages.my_data_json_view, name="my_data_json"),
    path(f"{MINE}mina-uppgifter.pdf", views_pages.my_data_pdf_view, name="my_data_pdf"),
    path(f"{MINE}tillganglighet/", views_pages.accessibility_view, name="accessibility"),
]

# The consents given, to read and withdraw (views_consents.py).
urlpatterns += [
    path(f"{MINE}samtycken/", views_consents.consents_view, name="consents"),
    path(
        f"{MINE}samtycken/<int:consent_id>/aterkalla/",
        views_consents.consent_withdraw_view,
        name="consent_withdraw",
    ),
]
