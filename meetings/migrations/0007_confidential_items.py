from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_attendance_register"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="confidential",
            field=models.BooleanField(
                default=False,
                help_text="Only the group's members (not observers or guests) and staff can see this item, its papers and its minutes, which are kept in a separate confidential section. It is left out of everything public.",
            ),
        ),
        migrations.AddField(
            model_name="historicalagendaitem",
            name="confidential",
            field=models.BooleanField(
                default=False,
                help_text="Only the group's members (not observers or guests) and staff can see this item, its papers and its minutes, which are kept in a separate confidential section. It is left out of everything public.",
            ),
        ),
    ]
