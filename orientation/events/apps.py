from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "orientation.events"
    label = "events"
    verbose_name = "Événements"
