# Rates and deadlines (issue 21, section 2) and involvement payments (section 1) were built side by side.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("expenses", "0004_expense_rates_and_deadline"),
        ("expenses", "0004_involvement_rate_cards_and_choices"),
    ]

    operations = []
