from django.urls import path

from bryggan.employers import views

app_name = "employers"
urlpatterns = [
    path("arbetsgivare/", views.employer_list_view, name="employer_list"),
    path("arbetsgivare/ny/", views.employer_create_view, name="employer_create"),
    path("arbetsgivare/<int:employer_id>/", views.employer_detail_view, name="employer_detail"),
    path("arbetsgivare/<int:employer_id>/andra/", views.employer_edit_view, name="employer_edit"),
    path(
        "arbetsgivare/<int:employer_id>/kontakter/ny/",
        views.contact_create_view,
        name="contact_create",
    ),
    path(
        "arbetsgivare/kontakter/<int:contact_id>/andra/",
        views.contact_edit_view,
        name="contact_edit",
    ),
    path(
        "arbetsgivare/<int:employer_id>/erbjudanden/nytt/",
        views.offer_create_view,
        name="offer_create",
    ),
    path("arbetsgivare/erbjudanden/<int:offer_id>/", views.offer_detail_view, name="offer_detail"),
    path(
        "arbetsgivare/erbjudanden/<int:offer_id>/andra/",
        views.offer_edit_view,
        name="offer_edit",
    ),
    path(
        "arbetsgivare/placeringar/<int:placement_id>/avsluta/",
        views.placement_end_view,
        name="placement_end",
    ),
    path("arenden/<int:household_id>/arbetsgivare/", views.case_matches_view, name="case_matches"),
    path(
        "arenden/<int:household_id>/arbetsgivare/profil/<int:person_id>/",
        views.client_profile_view,
        name="client_profile",
    ),
    path(
        "arenden/<int:household_id>/arbetsgivare/erbjudanden/<int:offer_id>/",
        views.placement_create_view,
        name="placement_create",
    ),
]
