from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "orientation.moderation"
    label = "moderation"
    verbose_name = "Modération (neutralité)"
