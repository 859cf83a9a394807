from django.urls import path

from orientation.events import views

app_name = "events"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/calendrier.ics", views.event_ics, name="event_ics"),
    path("seances/<int:pk>/calendrier.ics", views.session_ics, name="session_ics"),
    path("seances/<int:pk>/inscrire/", views.register_class, name="register_class"),
    path("mes-inscriptions/", views.my_registrations, name="my_registrations"),
    path("inscriptions/<int:pk>/annuler/", views.cancel_registration, name="cancel_registration"),
    path("inscriptions/<int:pk>/presence/", views.record_attendance, name="record_attendance"),
    path("organiser/", views.organiser_home, name="organiser_home"),
    path("organiser/nouveau/", views.event_create, name="create"),
    path("organiser/<int:pk>/", views.event_manage, name="manage"),
    path("organiser/<int:pk>/modifier/", views.event_edit, name="edit"),
    path("organiser/<int:pk>/statut/", views.event_status, name="status"),
    path("organiser/seances/<int:pk>/places/", views.session_capacity, name="session_capacity"),
    path("organiser/<int:pk>/seances/nouvelle/", views.session_create, name="session_create"),
    path("organiser/<int:pk>/arrets/nouveau/", views.bus_stop_create, name="bus_stop_create"),
    path("organiser/<int:pk>/stands/nouveau/", views.stand_create, name="stand_create"),
]
