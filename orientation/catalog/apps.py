from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "orientation.catalog"
    label = "catalog"
    verbose_name = "Catalogue des métiers et formations"

    def ready(self) -> None:
        # Imported here: the importers need the app registry (models) to be ready.
        from orientation.catalog.importers import register_steps

        register_steps()
