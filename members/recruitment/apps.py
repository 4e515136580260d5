from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "members.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"
