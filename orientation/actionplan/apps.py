from django.apps import AppConfig


class ActionplanConfig(AppConfig):
    name = "orientation.actionplan"
    label = "actionplan"
    verbose_name = "Plan d'actions et contrats"
