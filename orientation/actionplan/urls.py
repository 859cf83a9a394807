from django.urls import path

from orientation.actionplan import views

app_name = "actionplan"
urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("<int:pk>/", views.plan_page, name="plan_year"),
    path("contrats/", views.contract_list, name="contracts"),
    path("contrats/nouveau/<str:uai>/", views.contract_create, name="contract_create"),
    path("contrats/<int:pk>/", views.contract_detail, name="contract"),
    path("contrats/<int:pk>/signer/", views.contract_sign, name="contract_sign"),
    path("contrats/<int:pk>/etape/", views.contract_transition, name="contract_transition"),
    path("contrats/<int:pk>/resilier/", views.contract_notice, name="contract_notice"),
    path("contrats/<int:pk>/avenant/", views.contract_amend, name="contract_amend"),
    path("contrats/<int:pk>/contrat.pdf", views.contract_pdf, name="contract_pdf"),
    path("contrats/<int:pk>/avenant-<int:number>.pdf", views.contract_pdf, name="amendment_pdf"),
]
