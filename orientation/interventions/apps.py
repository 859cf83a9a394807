from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "orientation.interventions"
    label = "interventions"
    verbose_name = "Interventions"

    def ready(self) -> None:
        from orientation.interventions.services import REQUEST_DESCRIPTION, request_moderation_decided
        from orientation.moderation.registry import ModeratedKind, register

        register(
            ModeratedKind(
                code=REQUEST_DESCRIPTION,
                label="Message d'une demande d'intervention",
                held_part="le message de votre demande d'intervention",
                decided=request_moderation_decided,
            )
        )
