from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from feedback import demo as feedback_demo
from feedback.events import demo as events_demo
from feedback.planning import demo as planning_demo
from meetings import demo as meetings_demo
from meetings.interests import demo as interests_demo
from members import demo
from members.expenses import demo as expenses_demo
from members.onboarding import demo as onboarding_demo
from members.recruitment import demo as recruitment_demo


class Command(BaseCommand):
    help = "Create or refresh the fictional demo deployment (safe to run twice). Refuses to run when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates accounts with a known password.")
        people = demo.seed()
        feedback_demo.seed()
        meetings_demo.seed(people)
        expenses_demo.seed(people)
        recruitment_demo.seed(people)
        planning_demo.seed(people)
        events_demo.seed(people)
        onboarding_demo.seed(people)
        interests_demo.seed(people)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Sign in with password “{demo.DEMO_PASSWORD}”."))
