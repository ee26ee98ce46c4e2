from django.urls import path

from bryggan.preassessment import views

app_name = "preassessment"
urlpatterns = [
    path("fornyelser/", views.queue, name="queue"),
    path("fornyelser/<int:renewal_proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("fornyelser/signera/", views.sign_many, name="sign_many"),
    path("fornyelser/uppfoljning/", views.followup, name="followup"),
    path("sa-bedoms-din-ansokan/", views.rules_page, name="rules_page"),
]
