from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "feedback.planning"
    label = "planning"
    verbose_name = "Engagement plans, survey and reports"
