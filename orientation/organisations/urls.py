from django.urls import path

from orientation.organisations import views

app_name = "organisations"

urlpatterns = [
    path("rattachement/", views.membership_switch, name="membership_switch"),
    path("perimetre/", views.scope, name="scope"),
    path("coordinateurs/inviter/", views.coordinator_invite, name="coordinator_invite"),
    path("etablissements/<str:uai>/", views.establishment_staff, name="establishment_staff"),
    path("etablissements/<str:uai>/inviter/", views.staff_invite, name="staff_invite"),
    path("invitations/<int:pk>/annuler/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path(
        "invitations/<str:token>/changer-de-compte/", views.invitation_switch_account, name="invitation_switch_account"
    ),
]
