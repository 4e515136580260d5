"""CSV and XLSX import/export of training records, all-or-nothing like the other imports: a course run
for several members is recorded from the trainer's attendance list in one go."""

from import_export import fields

from engagement.core.resources import AllOrNothingResource, NamedForeignKeyWidget
from members.models import User

from .models import TrainingRecord


class TrainingRecordResource(AllOrNothingResource):
    email = fields.Field(attribute="user", column_name="email", widget=NamedForeignKeyWidget(User, "email"))

    column_guide = {
        "email": (
            "Required. The e-mail address of someone already in the admin under People.",
            "jo.bloggs@example.org",
        ),
        "course": ("Required. The course's name, spelt the same way each time.", "Safeguarding adults"),
        "completed_on": ("Required. The day they did the course, day first.", "14/05/2027"),
        "expires_on": ("The day it needs renewing, day first. Empty if it never does.", "14/05/2030"),
    }

    class Meta(AllOrNothingResource.Meta):
        model = TrainingRecord
        import_id_fields = ["email", "course", "completed_on"]
        fields = ["email", "course", "completed_on", "expires_on"]
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("user")
