from django.urls import path

from orientation.territory import views

app_name = "territory"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("academies/<str:code>/", views.academy, name="academy"),
    path("departements/<str:code>/", views.department, name="department"),
    path("etablissements/", views.establishments, name="establishments"),
    path("etablissements/<str:uai>/", views.establishment, name="establishment"),
    path("bassins/", views.basins, name="basins"),
]
