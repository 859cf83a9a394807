from django.urls import path

from orientation.pathways import views

app_name = "pathways"

urlpatterns = [
    path("", views.home, name="home"),
    path("eleves/<int:user_id>/", views.pathway, name="pathway"),
    path("eleves/<int:user_id>/parcours.pdf", views.pathway_pdf, name="pathway_pdf"),
    path("eleves/<int:user_id>/parcours.json", views.pathway_json, name="pathway_json"),
    path("eleves/<int:user_id>/effacer/", views.personal_content_delete, name="personal_content_delete"),
    path("classes/<int:pk>/", views.class_pupils, name="class_pupils"),
    path("activites/<int:pk>/reflexion/", views.reflection_write, name="reflection_write"),
    path("elements/<int:pk>/retirer/", views.saved_item_delete, name="saved_item_delete"),
    path("ajouter/metier/<str:rome_code>/", views.save_job, name="save_job"),
    path("ajouter/formation/<int:pk>/", views.save_training, name="save_training"),
]
