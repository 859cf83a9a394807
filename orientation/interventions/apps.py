from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "orientation.interventions"
    label = "interventions"
    verbose_name = "Interventions"
