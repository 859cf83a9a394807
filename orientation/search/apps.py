from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "orientation.search"
    label = "search"
    verbose_name = "Recherche"

    def ready(self) -> None:
        from orientation.search.importers import register_steps

        register_steps()
