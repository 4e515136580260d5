from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "members.expenses"
    label = "expenses"
    verbose_name = "Expenses and contracts"

    def ready(self):
        from engagement.core import notifications

        from . import emails
        from .models import ExpenseClaim

        notifications.register(ExpenseClaim, "status-*", emails.send_status)
        notifications.register(ExpenseClaim, "accepted-late", emails.send_late_acceptance)
