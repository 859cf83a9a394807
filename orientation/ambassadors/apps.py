from django.apps import AppConfig


class AmbassadorsConfig(AppConfig):
    name = "orientation.ambassadors"
    label = "ambassadors"
    verbose_name = "Ambassadeurs"
