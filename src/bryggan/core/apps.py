from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bryggan.core"
    label = "core"
