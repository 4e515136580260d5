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
    themes = fields.Field(attribute="themes", column_name="themes", widget=NamedManyToManyWidget(Theme, create=True))
    # Shown for reference; a project's status only changes through the admin actions, which e-mail people.
    status = fields.Field(attribute="get_status_display", column_name="status", readonly=True)
    gathered = fields.Field(
        attribute="gathered",
        column_name="gathered",
        widget=ChoiceWidget(Project.Gathered, default=Project.Gathered.ONLINE),
    )

    adds_to_lists = (Theme,)
    column_guide = {
        "id": ("Empty for a new project. To change a project, its number from the id column of an export.", ""),
        "title": ("Required. The project's title.", "Changes to weekend GP appointments"),
        "partner": (
            "Required. The partner's name, as listed in the admin.",
            "Riverside and Downs Integrated Care Board",
        ),
        "groups": ("Required. The groups it is brought to; several with a semicolon (;).", "Public Engagement Group"),
        "themes": ("Themes; several with a semicolon (;). A new theme is added once you confirm.", "Access to care"),
        "lead_name": ("Required. The project lead's name.", "Priya Shah"),
        "lead_role": ("The project lead's role.", "Primary care commissioning manager"),
        "lead_email": ("The project lead's e-mail address: reminders to write the response go here.", ""),
        "summary": ("Required. What the project is about, in plain English.", "How weekend appointments will work."),
        "closes_on": ("The day comments close, day first.", "31/03/2027"),
        "gathered": (f"How views are gathered: {', '.join(Project.Gathered.labels)}. Empty means online.", ""),
        "gathered_on": ("For views gathered offline, the day they were gathered, day first.", ""),
        "publish_publicly": ("1 to show the response on the group's public page, 0 or empty not to.", "0"),
    }

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
            "gathered",
            "gathered_on",
            "publish_publicly",
            "status",
        ]
        export_order = fields


class ProjectWidget(widgets.ForeignKeyWidget):
    """A project by its title, in any case, or by its number (the id column of the project export). Two
    projects with one title are told apart by the row's group column, or else by number."""

    def __init__(self):
        super().__init__(Project, "pk")

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().removesuffix(".0")
        if not text:
            raise ValueError("This is required: the project's title, or its number from the project export.")
        if (number := as_id(text)) is not None:
            project = Project.objects.filter(pk=number).first()
            if project is None:
                raise ValueError(f"There is no project number {text}. Use the id column of the project export.")
            return project
        projects = Project.objects.filter(title__iexact=text)
        group = str((row or {}).get("group") or "").strip()
        if group:
            projects = projects.filter(groups__name__iexact=group)
        found = list(projects.distinct()[:2])
        if not found:
            where = f" in the group “{group}”" if group else ""
            raise ValueError(f"There is no project called “{text}”{where}. Check the title, or use its number.")
        if len(found) > 1:
            raise ValueError(
                f"More than one project is called “{text}”. Give the group in the group column, "
                "or use the project's number from the id column of the project export."
            )
        return found[0]


class ResponseEntryResource(AllOrNothingResource):
    project = fields.Field(attribute="project", column_name="project", widget=ProjectWidget())
    project_title = fields.Field(attribute="project__title", column_name="project_title", readonly=True)
    theme = fields.Field(
        attribute="theme", column_name="theme", widget=NamedForeignKeyWidget(Theme, "name", create=True)
    )
    # Empty where no outcome fits (a view that only needed an answer).
    outcome = fields.Field(
        attribute="outcome", column_name="outcome", widget=ChoiceWidget(ResponseEntry.Outcome, default="")
    )

    adds_to_lists = (Theme,)
    column_guide = {
        "id": ("Empty for a new entry. To change an entry, its number from the id column of an export.", ""),
        "project": (
            "Required. The project's title, or its number from the project export.",
            "Changes to weekend GP appointments",
        ),
        "group": ("Only needed when two projects have the same title: the group the project is brought to.", ""),
        "theme": ("Required. The theme's name. A new theme is added once you confirm.", "Access to care"),
        "what_we_heard": ("Required. A summary of what people said.", "Evening appointments suit working carers."),
        "how_we_reflected": ("Required. What changed because of it, or why not.", "Two evening clinics were added."),
        "where_addressed": ("The document or section where this is addressed.", "Section 4: Access"),
        "where_addressed_url": ("A link to it.", ""),
        "outcome": (f"One of: {', '.join(ResponseEntry.Outcome.labels)}. Empty where none fits.", "Adopted"),
        "position": ("A number to order entries within a theme.", "1"),
        "followed_up_on": ("Later, once the change has happened: the day of the follow-up, day first.", ""),
        "difference_made": ("With that date: what difference it made.", ""),
    }

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
            "followed_up_on",
            "difference_made",
        ]
        export_order = fields
