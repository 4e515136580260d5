"""CSV and XLSX import/export of a plan's stakeholders (the audience analysis), all-or-nothing like members'."""

from import_export import fields, widgets

from engagement.core.resources import AllOrNothingResource, ChoiceWidget, NamedForeignKeyWidget

from .models import EngagementPlan, Stakeholder, Step


class PlanWidget(NamedForeignKeyWidget):
    """A plan named by its project's title; two projects with one title are an error in plain words."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except EngagementPlan.MultipleObjectsReturned:
            raise ValueError(
                f"More than one project with a plan is called “{value}”. Rename one of them in the admin first."
            ) from None
        except ValueError:
            raise ValueError(f"There is no engagement plan for a project called “{value}”.") from None


class StepsWidget(widgets.Widget):
    """Steps as names or numbers separated by semicolons, e.g. "Audience analysis; 3"."""

    def clean(self, value, row=None, **kwargs):
        by_name = {label.lower(): number for number, label in Step.choices} | {str(n): n for n in Step.values}
        parts = [part.strip() for part in str(value or "").split(";") if part.strip()]
        unknown = [part for part in parts if part.lower() not in by_name]
        if unknown:
            raise ValueError(
                f"Not a step of the plan: {', '.join(unknown)}. Use the step names, or the numbers 1 to "
                f"{len(Step.values)}, separated by a semicolon (;)."
            )
        return sorted({by_name[part.lower()] for part in parts})

    def render(self, value, obj=None, **kwargs):
        return "; ".join(Step(step).label for step in sorted(value or []))


class StakeholderResource(AllOrNothingResource):
    plan = fields.Field(attribute="plan", column_name="project", widget=PlanWidget(EngagementPlan, "project__title"))
    category = fields.Field(attribute="category", column_name="category", widget=ChoiceWidget(Stakeholder.Category))
    steps = fields.Field(attribute="steps", column_name="steps", widget=StepsWidget())

    column_guide = {
        "project": (
            "Required. The title of a project that has an engagement plan.",
            "Changes to weekend GP appointments",
        ),
        "name": ("Required. The person's name, or the body's.", "Cllr Sam Rivers"),
        "organisation": ("Their organisation.", "Northgate Town Council"),
        "category": (f"Required. One of: {', '.join(Stakeholder.Category.labels)}.", "Local councillor"),
        "email": ("Their e-mail address.", ""),
        "phone": ("Their phone number.", ""),
        "steps": (
            "The steps they are involved in, by name or number (1 to 6); several with a semicolon (;).",
            "Audience analysis; 5",
        ),
    }

    class Meta(AllOrNothingResource.Meta):
        model = Stakeholder
        import_id_fields = ["plan", "name", "organisation"]
        fields = ["plan", "name", "organisation", "category", "email", "phone", "steps"]
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("plan__project")
