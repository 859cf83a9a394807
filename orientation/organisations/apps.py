from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "orientation.organisations"
    label = "organisations"
    verbose_name = "Organisations"
