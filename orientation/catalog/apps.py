from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "orientation.catalog"
    label = "catalog"
    verbose_name = "Catalogue des métiers et formations"
