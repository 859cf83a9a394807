from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled, ValidationError
from ninja.throttling import BaseThrottle

from orientation.ambassadors import api as ambassadors_api
from orientation.catalog import api as catalog_api
from orientation.core.api_contract import session_auth
from orientation.core.errors import DomainError
from orientation.core.throttle import throttle_allow
from orientation.events import api as events_api
from orientation.internships import api as internships_api
from orientation.interventions import api as interventions_api
from orientation.reporting import api as reporting_api
from orientation.schooling import api as schooling_api
from orientation.search import api as search_api
from orientation.territory import api as territory_api
from orientation.territory import api_establishments as establishments_api


class PublicNinjaAPI(NinjaAPI):
    """API views authenticate per operation (ninja ``auth=``): Django's LoginRequiredMiddleware must not
    redirect them to the HTML sign-in page, so every API URL is marked ``login_not_required``."""

    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            login_not_required(pattern.callback)
        return urls

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                        # Django's <int:…> converter takes no sign; the database stores 64-bit ids.
                        parameter["schema"].update(minimum=0, maximum=MAX_ID)
                for status, text in _answers_every_operation_may_give(method, operation):
                    if status not in operation["responses"] and str(status) not in operation["responses"]:
                        operation["responses"][status] = {
                            "description": text,
                            "content": {"application/json": {"schema": _ERROR_SCHEMA}},
                        }
        return schema


MAX_ID = 2**63 - 1
_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def _answers_every_operation_may_give(method: str, operation: dict) -> list[tuple[int, str]]:
    """The statuses the API's machinery answers whatever the operation does, so that the schema
    declares every status an operation can answer (the handlers below write them)."""
    parameters = operation.get("parameters", [])
    answers = []
    if parameters or "requestBody" in operation:
        answers.append((422, "Paramètre mal typé ou mal formé."))
    if any(parameter["in"] == "path" for parameter in parameters):
        answers.append((404, "Ressource introuvable, ou hors de ce que vous pouvez voir."))
    if operation.get("security"):
        answers.append((401, "Connexion requise."))
        if method != "get":
            answers.append((403, "Jeton CSRF absent ou invalide."))
    if method != "get":
        answers.append((429, "Trop de demandes : réessayez plus tard."))
    return answers


class SignedInWriteThrottle(BaseThrottle):
    """Writes (POST, PUT, PATCH, DELETE) are limited per signed-in person (``api-write-user``);
    reads are not: public data are cached by the proxy, and signed-in reads are scoped."""

    def allow_request(self, request) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS") or not request.user.is_authenticated:
            return True
        return throttle_allow(scope="api-write-user", key=str(request.user.pk))

    def wait(self) -> float:
        return float(settings.ORIENTATION_THROTTLES["api-write-user"][1])


api = PublicNinjaAPI(
    title="Orientation — API publique",
    version="1.0.0",
    description=(
        "Données du service public régional d'information et d'orientation : territoire, "
        "établissements, métiers, formations. Les erreurs sont renvoyées en JSON : "
        '`{"detail": "message"}`.'
    ),
    urls_namespace="api-v1",
    auth=session_auth,
    docs_url="/docs",
    throttle=[SignedInWriteThrottle()],
)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    status = 403 if exc.code == "forbidden" else 400
    return api.create_response(request, {"detail": exc.message}, status=status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


@api.exception_handler(OverflowError)
@api.exception_handler(ObjectDoesNotExist)
def _does_not_exist(request, exc):
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": "Paramètres invalides.", "errors": exc.errors}, status=422)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    return api.create_response(request, {"detail": "Trop de demandes : réessayez dans une minute."}, status=429)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(request, {"detail": "Authentification requise."}, status=401)


# Every operation requires a signed-in user unless its router or the operation itself says
# otherwise: a forgotten ``auth=`` fails closed. Reference data (territory, catalogue, search)
# is public open data (R15).
# The search comes first: it is the most requested route, and URLs are tried in this order.
for _prefix, _router, _public in [
    ("", search_api.router, True),
    ("/territory", territory_api.router, True),
    ("", establishments_api.router, True),
    ("", catalog_api.router, True),
    ("", ambassadors_api.router, False),
    ("", interventions_api.router, False),
    ("", events_api.router, False),
    ("", internships_api.router, False),
    ("", schooling_api.router, False),
    ("", reporting_api.router, False),
]:
    if _public:
        api.add_router(_prefix, _router, auth=None)
    else:
        api.add_router(_prefix, _router)
