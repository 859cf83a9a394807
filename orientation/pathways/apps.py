from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "orientation.pathways"
    label = "pathways"
    verbose_name = "Parcours Avenir"

    def ready(self) -> None:
        from orientation.catalog.actions import register_page_action

        register_page_action("pathways/_save_action.html")
