from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "orientation.events"
    label = "events"
    verbose_name = "Événements"

    def ready(self) -> None:
        from orientation.events.services import EVENT_DESCRIPTION, description_moderation_decided
        from orientation.moderation.registry import ModeratedKind, register

        register(
            ModeratedKind(
                code=EVENT_DESCRIPTION,
                label="Présentation d'un événement",
                held_part="la présentation de votre événement",
                decided=description_moderation_decided,
            )
        )
