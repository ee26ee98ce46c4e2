from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "bryggan.demo"
    label = "demo"
