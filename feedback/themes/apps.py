from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "feedback.themes"
    label = "themes"
    verbose_name = "Suggested themes"

    def ready(self):
        from feedback.models import PUBLISH_CHECKS

        from .drafts import publish_problems

        PUBLISH_CHECKS.append(publish_problems)
