from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "orientation.demo"
    label = "demo"
    verbose_name = "Démonstration"
