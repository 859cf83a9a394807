from django.urls import path

from orientation.schooling import views

app_name = "schooling"

urlpatterns = [
    path("heures/", views.hours_home, name="hours_home"),
    path("territoire/", views.territory_summary, name="territory_summary"),
    path("etablissements/<str:uai>/heures/", views.establishment_hours, name="establishment_hours"),
    path(
        "etablissements/<str:uai>/heures/imprimer/", views.establishment_hours_print, name="establishment_hours_print"
    ),
    path(
        "etablissements/<str:uai>/heures.<str:fmt>",
        views.establishment_hours_export,
        name="establishment_hours_export",
    ),
    path("etablissements/<str:uai>/liste-des-eleves/", views.roster_upload_view, name="roster_upload"),
    path("etablissements/<str:uai>/liste-des-eleves/<int:pk>/", views.roster_preview_view, name="roster_preview"),
    path("etablissements/<str:uai>/liste-des-eleves/autorisations/", views.roster_managers, name="roster_managers"),
    path("<int:pk>/", views.class_detail, name="class_detail"),
    path("<int:pk>/equipe/", views.class_staff, name="class_staff"),
    path("<int:pk>/eleves/<int:user_id>/parent/", views.parent_link, name="parent_link"),
    path("<int:pk>/declarer-une-action/", views.activity_declare, name="activity_declare"),
    path("<int:pk>/prevoir-une-action/", views.activity_plan, name="activity_plan"),
]
