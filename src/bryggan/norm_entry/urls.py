from django.urls import path

from bryggan.norm_entry import views

app_name = "norm_entry"
urlpatterns = [
    path("administration/riksnorm/", views.riksnorm_list, name="riksnorm_list"),
    path("administration/riksnorm/ny/", views.riksnorm_enter_view, name="riksnorm_enter"),
    path("administration/riksnorm/importera/", views.riksnorm_import_view, name="riksnorm_import"),
]
