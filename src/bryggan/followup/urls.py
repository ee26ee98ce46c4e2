from django.urls import path

from bryggan.followup import board_views, views, views_appeals

app_name = "followup"
urlpatterns = [
    path("arenden/<int:household_id>/avsluta/", views.case_close_view, name="case_close"),
    path("uppfoljning/", views.unit_follow_up_view, name="unit"),
    path("uppfoljning/maltavla/", board_views.board_view, name="board"),
    path("uppfoljning/maltavla/vagg/", board_views.board_wall_view, name="board_wall"),
    path("uppfoljning/overklaganden/", views_appeals.appeals_follow_up_view, name="appeals"),
]
