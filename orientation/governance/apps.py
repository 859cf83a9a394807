from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "orientation.governance"
    label = "governance"
    verbose_name = "Instances territoriales"
