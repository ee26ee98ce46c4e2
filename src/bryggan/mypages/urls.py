from django.urls import path

from bryggan.mypages import views, views_pages

app_name = "mypages"
urlpatterns = [
    path("mina-sidor/", views.home_view, name="home"),
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
