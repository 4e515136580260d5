from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "members.expenses"
    label = "expenses"
    verbose_name = "Expenses and contracts"
