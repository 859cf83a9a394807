from django.urls import path

from orientation.catalog import views

app_name = "catalog"

urlpatterns = [
    path("metiers/<str:rome_code>/", views.job_detail, name="job"),
    path("formations/<int:pk>/", views.training_detail, name="training"),
    path("metiers-qui-recrutent/", views.recruiting_jobs, name="recruiting"),
]
