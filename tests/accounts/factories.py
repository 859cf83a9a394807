"""The one user factory: every test package imports it (sign in with ``PASSWORD``)."""

import factory
from django.utils import timezone

from orientation.accounts.models import User

PASSWORD = "Orientation-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        minor = factory.Trait(birth_year=factory.LazyFunction(lambda: timezone.localdate().year - 14))
        adult = factory.Trait(birth_year=1985)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()
