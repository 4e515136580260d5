from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/comments/", views.add_comment, name="add_comment"),
    path("<int:pk>/comments/<int:comment_pk>/reply/", views.reply_to_comment, name="reply_to_comment"),
    path("<int:pk>/comments/<int:comment_pk>/change/", views.edit_comment, name="edit_comment"),
    path("<int:pk>/comments/<int:comment_pk>/withdraw/", views.withdraw_comment, name="withdraw_comment"),
    path("<int:pk>/papers/<int:paper_pk>/", views.download_paper, name="download_paper"),
    path("<int:pk>/easy-read/", views.download_easy_read, name="easy_read"),
    path("<int:pk>/response/easy-read/", views.download_response_easy_read, name="response_easy_read"),
    path("<int:pk>/response/", views.project_response, name="project_response"),
    path("<int:pk>/response.pdf", views.project_response_pdf, name="project_response_pdf"),
    path("<int:pk>/response.docx", views.project_response_docx, name="project_response_docx"),
    path("you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path("you-said-we-did.pdf", views.you_said_we_did_pdf, name="you_said_we_did_pdf"),
    path("you-said-we-did.docx", views.you_said_we_did_docx, name="you_said_we_did_docx"),
    path("you-said-we-did/<slug:slug>/impact/", views.impact, name="impact"),
    path("e-mails/", views.email_settings, name="email_settings"),
    path("public/<slug:slug>/", views.public_index, name="public_index"),
    path("public/<slug:slug>/<int:pk>/", views.public_response, name="public_response"),
    path("public/<slug:slug>/<int:pk>/easy-read/", views.public_response_easy_read, name="public_response_easy_read"),
]
