from django.urls import path

from orientation.internships import views

app_name = "internships"

urlpatterns = [
    path("", views.offer_search, name="search"),
    path("offres/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offres/<int:pk>/candidater/", views.offer_apply, name="offer_apply"),
    path("offres/<int:pk>/signaler/", views.offer_report, name="offer_report"),
    path("offres/<int:pk>/modifier/", views.offer_edit, name="offer_edit"),
    path("offres/<int:pk>/publier/", views.offer_publish, name="offer_publish"),
    path("offres/<int:pk>/fermer/", views.offer_close, name="offer_close"),
    path("mes-offres/", views.host_offers, name="host_offers"),
    path("mes-offres/nouvelle/", views.offer_create, name="offer_create"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.moderation_decide, name="moderation_decide"),
    path("candidatures/", views.application_list, name="application_list"),
    path("candidatures/<int:pk>/", views.application_detail, name="application_detail"),
    path("candidatures/<int:pk>/convention.pdf", views.agreement_download, name="agreement_pdf"),
    path(
        "candidatures/<int:pk>/<slug:action>/",
        views.application_action,
        name="application_action",
    ),
    path("accord-parent/<str:token>/", views.consent, name="consent"),
]
