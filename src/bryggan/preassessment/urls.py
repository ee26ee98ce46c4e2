app_name = "preassessment"
urlpatterns: list = []
