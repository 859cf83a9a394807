from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "orientation.privacy"
    label = "privacy"
    verbose_name = "Données personnelles"
