from django.urls import path

from orientation.interventions import views

app_name = "interventions"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("", views.booking_list, name="list"),
    path("demander/", views.request_create, name="request"),
    path("<int:pk>/", views.booking_detail, name="detail"),
    path("<int:pk>/etape/", views.booking_transition, name="transition"),
    path("<int:pk>/chercher/", views.booking_proposals_refresh, name="refresh"),
    path("<int:pk>/proposer/", views.booking_propose, name="propose"),
    path("<int:pk>/evaluation/", views.booking_evaluate, name="evaluate"),
    path("<int:pk>/calendrier.ics", views.booking_ics, name="ics"),
    path("avis/<str:token>/", views.survey, name="survey"),
    path("appariement/", views.batch, name="batch"),
]
