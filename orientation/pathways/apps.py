from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "orientation.pathways"
    label = "pathways"
    verbose_name = "Parcours Avenir"
