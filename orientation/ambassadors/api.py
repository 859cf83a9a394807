"""``/api/v1/ambassadors/me``: the connected ambassador's status and what is left to do."""

from ninja import Router, Schema, Status

from orientation.ambassadors.models import CharterVersion
from orientation.ambassadors.selectors import own_ambassador
from orientation.core.api_contract import session_auth

router = Router(tags=["Ambassadeurs"])


class Error(Schema):
    detail: str


class MeOut(Schema):
    status: str
    rome_codes: list[str]
    commune_insee_code: str
    travel_radius_km: int
    charter_version_accepted: bool
    current_charter_version: int | None
    missing_modules: list[str]
    proposable: bool


@router.get(
    "/ambassadors/me",
    response={200: MeOut, 404: Error},
    auth=session_auth,
    summary="Mon profil d'ambassadeur",
    description="404 quand la personne connectée n'a pas de profil d'ambassadeur.",
)
def me(request):
    ambassador = own_ambassador(request.user)
    if ambassador is None:
        return Status(404, {"detail": "Vous n'avez pas de profil d'ambassadeur."})
    current = CharterVersion.objects.current()
    return {
        "status": ambassador.status,
        "rome_codes": list(ambassador.jobs.values_list("rome_code", flat=True)),
        "commune_insee_code": ambassador.commune.insee_code,
        "travel_radius_km": ambassador.travel_radius_km,
        "charter_version_accepted": ambassador.has_current_charter(),
        "current_charter_version": current.number if current else None,
        "missing_modules": list(ambassador.missing_modules().values_list("slug", flat=True)),
        "proposable": ambassador.is_proposable(),
    }
