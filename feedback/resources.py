"""CSV and XLSX import/export of projects and response entries, all-or-nothing like members'.

Imported projects are drafts until staff open them, so an import never e-mails anyone.
"""

from import_export import fields, widgets

from engagement.core.forms import as_id
from engagement.core.resources import AllOrNothingResource, ChoiceWidget, NamedForeignKeyWidget, NamedManyToManyWidget
from members.models import EngagementGroup

from .models import Partner, Project, ResponseEntry, Theme


class ProjectResource(AllOrNothingResource):
    partner = fields.Field(attribute="partner", column_name="partner", widget=NamedForeignKeyWidget(Partner, "name"))
    groups = fields.Field(attribute="groups", column_name="groups", widget=NamedManyToManyWidget(EngagementGroup))
    themes = fields.Field(attribute="themes", column_name="themes", widget=NamedManyToManyWidget(Theme))
    # Shown for reference; a project's status only changes through the admin actions, which e-mail people.
    status = fields.Field(attribute="get_status_display", column_name="status", readonly=True)

    class Meta(AllOrNothingResource.Meta):
        model = Project
        import_id_fields = ["id"]
        fields = [
            "id",
            "title",
            "partner",
            "groups",
            "themes",
            "lead_name",
            "lead_role",
            "lead_email",
            "summary",
            "closes_on",
            "publish_publicly",
            "status",
        ]
        export_order = fields


class ProjectNumberWidget(widgets.ForeignKeyWidget):
    """A project by its number (the id column of the project export), with a plain error when there is none."""

    def __init__(self):
        super().__init__(Project, "pk")

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().removesuffix(".0")
        if not text:
            raise ValueError("This is required: the project's number, from the id column of the project export.")
        project = Project.objects.filter(pk=number).first() if (number := as_id(text)) is not None else None
        if project is None:
            raise ValueError(f"There is no project number {text}. Use the id column of the project export.")
        return project


class ResponseEntryResource(AllOrNothingResource):
    project = fields.Field(attribute="project", column_name="project", widget=ProjectNumberWidget())
    project_title = fields.Field(attribute="project__title", column_name="project_title", readonly=True)
    theme = fields.Field(attribute="theme", column_name="theme", widget=NamedForeignKeyWidget(Theme, "name"))
    outcome = fields.Field(attribute="outcome", column_name="outcome", widget=ChoiceWidget(ResponseEntry.Outcome))

    class Meta(AllOrNothingResource.Meta):
        model = ResponseEntry
        import_id_fields = ["id"]
        fields = [
            "id",
            "project",
            "project_title",
            "theme",
            "what_we_heard",
            "how_we_reflected",
            "where_addressed",
            "where_addressed_url",
            "outcome",
            "position",
        ]
        export_order = fields
