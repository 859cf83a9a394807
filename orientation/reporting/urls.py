from django.urls import path

from orientation.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.steering_page, name="steering"),
    path("export/<slug:slug>.<str:fmt>", views.steering_export, name="export"),
    path("releves/<slug:code>/", views.records_page, name="records"),
    path("bilan/", views.report_start, name="report_start"),
    path("bilan/<int:pk>/", views.report_page, name="report"),
    path("bilan/<int:pk>/telecharger.<str:fmt>", views.report_download, name="report_download"),
]
