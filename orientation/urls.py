from django.contrib import admin
from django.urls import include, path

from orientation import views
from orientation.api.urls import api
from orientation.search import api as search_api

# URLs are tried in order: the API, the most requested, first; its search is served by a plain
# view (declared in the API's schema all the same: see ``orientation.search.api``).
urlpatterns = [
    path("api/v1/search", search_api.search_view, name="api-search"),
    path("api/v1/", api.urls),
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("territoire/", include("orientation.territory.urls")),
    path("compte/", include("orientation.accounts.urls")),
    path("organisations/", include("orientation.organisations.urls")),
    path("catalogue/", include("orientation.catalog.urls")),
    path("recherche/", include("orientation.search.urls")),
    path("classes/", include("orientation.schooling.urls")),
    path("moderation/", include("orientation.moderation.urls")),
    path("ambassadeurs/", include("orientation.ambassadors.urls")),
    path("interventions/", include("orientation.interventions.urls")),
    path("evenements/", include("orientation.events.urls")),
    path("stages/", include("orientation.internships.urls")),
    path("parcours/", include("orientation.pathways.urls")),
    path("pilotage/", include("orientation.reporting.urls")),
    path("plan/", include("orientation.actionplan.urls")),
    path("instances/", include("orientation.governance.urls")),
    path("admin/", admin.site.urls),
]
