from django.apps import AppConfig


class AmbassadorsConfig(AppConfig):
    name = "orientation.ambassadors"
    label = "ambassadors"
    verbose_name = "Ambassadeurs"

    def ready(self) -> None:
        from orientation.ambassadors.services import BIO, bio_moderation_decided
        from orientation.moderation.registry import ModeratedKind, register

        register(
            ModeratedKind(
                code=BIO,
                label="Présentation d'un ambassadeur",
                held_part="la présentation de votre profil d'ambassadeur",
                decided=bio_moderation_decided,
            )
        )
