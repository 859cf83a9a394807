from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from orientation.core.errors import DomainError


class PublicNinjaAPI(NinjaAPI):
    """API views authenticate per operation (ninja ``auth=``): Django's LoginRequiredMiddleware must not
    redirect them to the HTML sign-in page, so every API URL is marked ``login_not_required``."""

    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            login_not_required(pattern.callback)
        return urls


api = PublicNinjaAPI(
    title="Orientation — API publique",
    version="1.0.0",
    description=(
        "Données du service public régional d'information et d'orientation : territoire, "
        "établissements, métiers, formations. Les erreurs sont renvoyées en JSON : "
        '`{"detail": "message"}`.'
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    status = 403 if exc.code == "forbidden" else 400
    return api.create_response(request, {"detail": exc.message}, status=status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


@api.exception_handler(ObjectDoesNotExist)
def _does_not_exist(request, exc):
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": "Paramètres invalides.", "errors": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(request, {"detail": "Authentification requise."}, status=401)


def _mount_routers() -> None:
    """Each app with an ``api`` module mounts its router here (top layer → lower layers)."""
    from importlib import import_module

    for prefix, module in [
        ("/territory", "orientation.territory.api"),
        ("", "orientation.territory.api_establishments"),
        ("", "orientation.catalog.api"),
        ("", "orientation.search.api"),
        ("", "orientation.ambassadors.api"),
        ("", "orientation.interventions.api"),
        ("", "orientation.events.api"),
        ("", "orientation.internships.api"),
    ]:
        try:
            mod = import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        api.add_router(prefix, mod.router)


_mount_routers()
