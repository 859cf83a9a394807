from django.urls import path

from orientation.governance import views

app_name = "governance"
urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("<int:pk>/", views.body_public, name="body_public"),
    path("<int:pk>/suivi/", views.body_detail, name="body"),
    path("reunions/<int:pk>/", views.meeting_detail, name="meeting"),
    path("reunions/<int:pk>/compte-rendu/", views.minutes_write, name="minutes_write"),
    path("reunions/<int:pk>/approbation/", views.minutes_approve, name="minutes_approve"),
    path("reunions/<int:pk>/decision/", views.decision_record, name="decision"),
    path("reunions/<int:pk>/suite/", views.follow_up_add, name="follow_up"),
    path("reunions/<int:pk>/suite/<int:follow_up>/faite/", views.follow_up_done, name="follow_up_done"),
    path("reunions/<int:pk>/<slug:what>.pdf", views.meeting_pdf, name="meeting_pdf"),
]
