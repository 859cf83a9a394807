from django.apps import AppConfig


class InternshipsConfig(AppConfig):
    name = "orientation.internships"
    label = "internships"
    verbose_name = "Stages"

    def ready(self) -> None:
        from orientation.internships.services.offers import OFFER, offer_moderation_decided
        from orientation.moderation.registry import ModeratedKind, register

        register(
            ModeratedKind(
                code=OFFER,
                label="Offre de stage",
                held_part="votre offre de stage",
                decided=offer_moderation_decided,
            )
        )
