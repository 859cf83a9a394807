from django.apps import AppConfig


class SchoolingConfig(AppConfig):
    name = "orientation.schooling"
    label = "schooling"
    verbose_name = "Scolarité"
