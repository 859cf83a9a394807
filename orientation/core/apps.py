from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "orientation.core"
    label = "core"
    verbose_name = "Socle"
