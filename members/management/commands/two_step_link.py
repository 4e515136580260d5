from django.core.management.base import BaseCommand, CommandError

from members import twostep
from members.models import User


class Command(BaseCommand):
    help = "Print a one-time link that lets a staff member set up two-step sign-in (for when e-mail cannot reach them)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip(), is_active=True, is_staff=True).first()
        if user is None:
            raise CommandError(f"No active staff account has the address {email}.")
        self.stdout.write(twostep.set_up_link(user))
        self.stdout.write(
            "Give this link to them in person or by phone: it works once, for 24 hours, signed in as them."
        )
