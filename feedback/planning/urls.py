from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("project/<int:project_pk>/", views.plan_detail, name="plan_detail"),
    path("project/<int:project_pk>/comments/", views.add_plan_comment, name="add_plan_comment"),
    path(
        "project/<int:project_pk>/comments/<int:comment_pk>/change/",
        views.edit_plan_comment,
        name="edit_plan_comment",
    ),
    path(
        "project/<int:project_pk>/comments/<int:comment_pk>/withdraw/",
        views.withdraw_plan_comment,
        name="withdraw_plan_comment",
    ),
    path("survey/<str:token>/", views.survey_response, name="survey_response"),
    path("surveys/", views.survey_list, name="survey_list"),
    path("surveys/<int:pk>/report/", views.survey_report, name="survey_report"),
    path("surveys/<int:pk>/report/pdf/", views.survey_report_pdf, name="survey_report_pdf"),
    path("surveys/<int:pk>/telephone/", views.telephone_response, name="telephone_response"),
    path("annual-report/<slug:slug>/<int:year>/", views.annual_report, name="annual_report"),
    path("annual-report/<slug:slug>/<int:year>/pdf/", views.annual_report_pdf, name="annual_report_pdf"),
    path("annual-report/<slug:slug>/<int:year>/docx/", views.annual_report_docx, name="annual_report_docx"),
]
