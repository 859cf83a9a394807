from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "orientation.territory"
    label = "territory"
    verbose_name = "Territoire"

    def ready(self) -> None:
        # Imported here: the importers need the app registry (models) to be ready.
        from orientation.territory.importers import register_steps

        register_steps()
