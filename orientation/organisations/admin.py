from django.contrib import admin

from orientation.organisations.models import Company, Invitation, Membership
from orientation.territory.models import Academy, Basin, Commune, Department, Establishment, Region


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "commune", "is_branch"]
    search_fields = ["name", "siret"]
    raw_id_fields = ["commune"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "establishment", "company", "department", "academy", "region", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email", "user__last_name", "establishment__uai", "establishment__name", "company__name"]
    raw_id_fields = ["user", "establishment", "company", "child"]
    list_select_related = ["user", "establishment", "company", "department", "academy", "region"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "establishment", "invited_by", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    list_select_related = ["establishment", "invited_by"]
    # Invitations are made through the site (the email carries the only copy of the link).
    readonly_fields = [
        "email",
        "role",
        "establishment",
        "department",
        "academy",
        "region",
        "invited_by",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_by",
    ]

    def has_add_permission(self, request):
        return False


class ReadOnlyTerritoryAdmin(admin.ModelAdmin):
    """Territory rows come from the open-data import: readable here, not editable."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


_TERRITORY = {
    Region: {"list_display": ["code", "name", "is_demo"]},
    Academy: {"list_display": ["code", "name", "region"]},
    Department: {"list_display": ["code", "name", "academy"]},
    Basin: {"list_display": ["code", "name", "department"], "search_fields": ["name", "code"]},
    Commune: {
        "list_display": ["insee_code", "name", "department", "population", "urban_class"],
        "search_fields": ["name", "insee_code"],
        "list_filter": ["department", "urban_class"],
    },
    Establishment: {
        "list_display": ["uai", "name", "kind", "sector", "priority_network", "commune"],
        "search_fields": ["uai", "name"],
        "list_filter": ["kind", "sector", "priority_network"],
        "list_select_related": ["commune"],
    },
}
for _model, _options in _TERRITORY.items():
    # The territory app may register its own admin; keep it if so.
    if not admin.site.is_registered(_model):
        admin.site.register(_model, type(f"{_model.__name__}Admin", (ReadOnlyTerritoryAdmin,), _options))
