from django.urls import path

from orientation.search import views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
    path("ping", views.ping, name="ping"),
]
