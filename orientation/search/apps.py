from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "orientation.search"
    label = "search"
    verbose_name = "Recherche"
