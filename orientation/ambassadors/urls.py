from django.urls import path

from orientation.ambassadors import views

app_name = "ambassadors"

urlpatterns = [
    path("inscription/", views.sign_up, name="sign_up"),
    path("mon-profil/", views.profile, name="profile"),
    path("charte/", views.charter, name="charter"),
    path("formation/", views.modules, name="modules"),
    path("formation/<slug:slug>/", views.module, name="module"),
    path("interets/", views.interests, name="interests"),
    path("verification/", views.review_list, name="review_list"),
    path("verification/<int:pk>/", views.review_detail, name="review_detail"),
    path("verification/<int:pk>/statut/", views.review_transition, name="review_transition"),
]
