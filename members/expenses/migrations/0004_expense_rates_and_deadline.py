from datetime import date
from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count

# HMRC's approved mileage rates, in force since 6 April 2011, and a food and drink cap for staff to review.
STARTING_RATES = {
    "motorcycle": Decimal("0.24"),
    "bicycle": Decimal("0.20"),
    "passenger": Decimal("0.05"),
    "subsistence_cap": Decimal("10.00"),
}
FROM = date(2011, 4, 6)


def add_rates(apps, schema_editor, car=Decimal("0.45")):
    """Also called by the demo and the browser tests, whose database is emptied between tests."""
    ExpenseRate = apps.get_model("expenses", "ExpenseRate")
    for kind, amount in {"car": car, **STARTING_RATES}.items():
        ExpenseRate.objects.get_or_create(kind=kind, applies_from=FROM, defaults={"amount": amount})


def seed_rates(apps, schema_editor):
    """The car rate is the one most groups used, so drafts in progress keep it; the rest start at HMRC's."""
    ExpenseSettings = apps.get_model("expenses", "ExpenseSettings")
    ClaimLine = apps.get_model("expenses", "ClaimLine")
    usual = (
        ExpenseSettings.objects.values("mileage_rate").annotate(groups=Count("pk")).order_by("-groups").first()
    )
    add_rates(apps, schema_editor, usual["mileage_rate"] if usual else Decimal("0.45"))
    # Every line existing got "car" as the new column's default; only mileage has a vehicle.
    ClaimLine.objects.exclude(kind="mileage").update(vehicle="")


class Migration(migrations.Migration):
    dependencies = [
        ("expenses", "0003_claim_created_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExpenseRate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("car", "Car, a mile"),
                            ("motorcycle", "Motorcycle, a mile"),
                            ("bicycle", "Bicycle, a mile"),
                            ("passenger", "Each passenger, a mile"),
                            ("subsistence_cap", "Food and drink, most for one activity"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=6,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="amount (£)",
                    ),
                ),
                ("applies_from", models.DateField(verbose_name="applies to activities from")),
            ],
            options={
                "ordering": ["kind", "-applies_from"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "applies_from"), name="one_expense_rate_per_kind_and_date"),
                    models.CheckConstraint(condition=models.Q(amount__gte=0), name="expense_rate_not_negative"),
                ],
            },
        ),
        migrations.AddField(
            model_name="claimline",
            name="vehicle",
            field=models.CharField(
                blank=True,
                choices=[("car", "Car"), ("motorcycle", "Motorcycle"), ("bicycle", "Bicycle")],
                default="car",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="claimline",
            name="passengers",
            field=models.PositiveSmallIntegerField(
                default=0, validators=[django.core.validators.MaxValueValidator(8)]
            ),
        ),
        migrations.AddField(
            model_name="claimline",
            name="passenger_rate",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                editable=False,
                max_digits=4,
                null=True,
                verbose_name="rate for each passenger (£ a mile)",
            ),
        ),
        migrations.AlterField(
            model_name="claimline",
            name="kind",
            field=models.CharField(
                choices=[
                    ("mileage", "Mileage in your own vehicle"),
                    ("public_transport", "Bus, train or tram fare"),
                    ("parking", "Parking"),
                    ("taxi", "Taxi (agreed in advance)"),
                    ("care", "Carer"),
                    ("childcare", "Childcare"),
                    ("personal_assistant", "Personal assistant"),
                    ("interpreter", "Interpreter or BSL interpreter"),
                    ("subsistence", "Food and drink"),
                    ("other", "Something else"),
                ],
                max_length=20,
                verbose_name="type of cost",
            ),
        ),
        migrations.RunPython(seed_rates, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="expensesettings", name="expense_rates_not_negative"),
        migrations.RemoveField(model_name="expensesettings", name="mileage_rate"),
        migrations.RemoveField(model_name="expensesettings", name="claim_deadline_months"),
        migrations.AddConstraint(
            model_name="expensesettings",
            constraint=models.CheckConstraint(
                condition=models.Q(involvement_rate__gte=0),
                name="expense_rates_not_negative",
                violation_error_message="Rates cannot be negative.",
            ),
        ),
        migrations.AddField(
            model_name="expenseclaim",
            name="late_accepted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="accepted after the deadline"
            ),
        ),
        migrations.AddField(
            model_name="expenseclaim",
            name="late_accepted_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="accepted after the deadline by",
            ),
        ),
        migrations.AddField(
            model_name="expenseclaim",
            name="late_reason",
            field=models.TextField(blank=True, editable=False, verbose_name="why it was accepted after the deadline"),
        ),
        migrations.AddField(
            model_name="historicalexpenseclaim",
            name="late_accepted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="accepted after the deadline"
            ),
        ),
        migrations.AddField(
            model_name="historicalexpenseclaim",
            name="late_accepted_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="accepted after the deadline by",
            ),
        ),
        migrations.AddField(
            model_name="historicalexpenseclaim",
            name="late_reason",
            field=models.TextField(blank=True, editable=False, verbose_name="why it was accepted after the deadline"),
        ),
        migrations.AddConstraint(
            model_name="expenseclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(late_accepted_at__isnull=True) | ~models.Q(late_reason=""),
                name="late_claim_accepted_with_reason",
            ),
        ),
    ]
