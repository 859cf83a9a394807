from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "orientation.territory"
    label = "territory"
    verbose_name = "Territoire"
