from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "orientation.reporting"
    label = "reporting"
    verbose_name = "Pilotage et bilans"
