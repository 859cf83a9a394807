from django.apps import AppConfig


class InternshipsConfig(AppConfig):
    name = "orientation.internships"
    label = "internships"
    verbose_name = "Stages"
