"""Where texts to theme come from, and how confirmed themes are recorded: one class per source.

Each source says who may use it (a model permission, and the object visible to them), how to get
(id, text) pairs, and how to tag them on confirm. Only the text leaves a source: never an author,
a name or an address. Comments whose author asked to be erased, hidden comments and withdrawn
ones are left out.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from feedback.events.models import Event, EventFeedback
from feedback.models import Comment, Project, Theme
from feedback.planning.models import EngagementPlan, PlanComment
from feedback.planning.survey import Answer, Area, CodedTheme, Coding, Survey
from members.rules import is_engagement_staff

from .models import ConfirmedTheme


def theme_named(name):
    """The managed theme of that name (any capitals), made if there is none."""
    theme = Theme.objects.filter(name__iexact=name).first()
    return theme or Theme.objects.create(name=name)


class Source:
    key = ""
    model = None
    permission = ""  # needed on top of being engagement staff
    admin_url_name = ""

    def objects(self, user):
        return self.model.objects.all()

    def get(self, user, pk):
        """The object, if this person may theme its texts: 403 without the permission, 404 if not theirs to see."""
        if not (is_engagement_staff(user) and user.has_perm(self.permission)):
            raise PermissionDenied
        return get_object_or_404(self.objects(user), pk=pk)

    def parts(self, obj):
        """[(key, label, how many texts)] when the texts come in parts that are themed separately; [] when not."""
        return []

    def count(self, obj):
        """How many texts there are to theme, for a source without parts."""
        return len(self.texts(obj, ""))

    def title(self, obj, part):
        raise NotImplementedError

    def texts(self, obj, part):
        raise NotImplementedError

    def tag(self, run, obj, part, groups):
        """Record the confirmed themes: groups is [(name, ids, quote ids)]."""
        raise NotImplementedError

    def admin_url(self, obj):
        return reverse(self.admin_url_name, args=[obj.pk])


class ProjectComments(Source):
    key = "project"
    model = Project
    permission = "feedback.change_project"
    admin_url_name = "admin:feedback_project_change"

    def objects(self, user):
        return Project.objects.visible_to(user)

    def title(self, obj, part):
        return f"Comments on “{obj}”"

    def texts(self, obj, part):
        return list(
            Comment.objects.filter(project=obj, withdrawn_at=None, hidden_at=None, author__erased_at=None)
            .order_by("pk")
            .values_list("pk", "body")
        )

    def tag(self, run, obj, part, groups):
        for name, ids, quotes in groups:
            confirmed = ConfirmedTheme.objects.create(run=run, theme=theme_named(name), quotes=quotes)
            confirmed.comments.set(ids)


class PlanComments(Source):
    key = "plan"
    model = EngagementPlan
    permission = "planning.change_engagementplan"
    admin_url_name = "admin:planning_engagementplan_change"

    def objects(self, user):
        return EngagementPlan.objects.visible_to(user).select_related("project")

    def title(self, obj, part):
        return f"Comments on the plan for “{obj.project}”"

    def texts(self, obj, part):
        return list(
            PlanComment.objects.filter(plan=obj, withdrawn_at=None, author__erased_at=None)
            .order_by("pk")
            .values_list("pk", "body")
        )

    def tag(self, run, obj, part, groups):
        for name, ids, quotes in groups:
            confirmed = ConfirmedTheme.objects.create(run=run, theme=theme_named(name), quotes=quotes)
            confirmed.plan_comments.set(ids)


class SurveyAnswers(Source):
    """One area's answers at a time, what works well (strengths) apart from what could be better."""

    key = "survey"
    model = Survey
    permission = "planning.change_survey"
    admin_url_name = "admin:planning_survey_change"
    FIELDS = {Coding.Marker.STRENGTH: "working_well", Coding.Marker.WEAKNESS: "could_be_better"}
    # The survey's own words for the two questions asked about each area.
    WORDS = {Coding.Marker.STRENGTH: "what is working well", Coding.Marker.WEAKNESS: "what could be better"}

    def parts(self, obj):
        """Every area with answers, twice, each with how many answers that part has: one query."""
        answered = (
            Area.objects.filter(answers__response__survey=obj)
            .annotate(
                **{
                    marker: Count("answers", filter=~Q(**{f"answers__{field}": ""}))
                    for marker, field in self.FIELDS.items()
                }
            )
            .order_by(*Area._meta.ordering)
        )
        return [
            (f"{area.pk}:{marker}", f"{area}: {words}", getattr(area, marker))
            for area in answered
            for marker, words in self.WORDS.items()
        ]

    def count(self, obj):
        # Asked only when parts() found no answers at all.
        return 0

    def _split(self, part):
        area, _, marker = part.partition(":")
        if marker not in self.FIELDS or not area.isdigit():
            raise ValueError(f"Not a part of a survey: {part!r}")
        return int(area), marker

    def title(self, obj, part):
        area, marker = self._split(part)
        return f"“{obj}”, {Area.objects.get(pk=area)}: {self.WORDS[marker]}"

    def texts(self, obj, part):
        area, marker = self._split(part)
        field = self.FIELDS[marker]
        return list(
            Answer.objects.filter(response__survey=obj, area=area)
            .exclude(**{field: ""})
            .order_by("pk")
            .values_list("pk", field)
        )

    def tag(self, run, obj, part, groups):
        _, marker = self._split(part)
        for name, ids, _quotes in groups:
            theme = CodedTheme.objects.filter(survey=obj, name__iexact=name).first()
            theme = theme or CodedTheme.objects.create(survey=obj, name=name)
            have = set(Coding.objects.filter(theme=theme, marker=marker).values_list("answer", flat=True))
            Coding.objects.bulk_create(
                [Coding(answer_id=pk, theme=theme, marker=marker) for pk in ids if pk not in have]
            )


class EventFeedbackSource(Source):
    key = "event"
    model = Event
    permission = "events.change_event"
    admin_url_name = "admin:events_event_change"

    def objects(self, user):
        return Event.objects.filter(plan__in=EngagementPlan.objects.visible_to(user))

    def title(self, obj, part):
        return f"Feedback from “{obj}”"

    def texts(self, obj, part):
        return list(EventFeedback.objects.filter(event=obj).order_by("pk").values_list("pk", "text"))

    def tag(self, run, obj, part, groups):
        for name, ids, _quotes in groups:
            EventFeedback.objects.filter(event=obj, pk__in=ids).update(theme=theme_named(name))


SOURCES = {source.key: source for source in [ProjectComments(), SurveyAnswers(), PlanComments(), EventFeedbackSource()]}


def source_for(key):
    if key not in SOURCES:
        raise Http404
    return SOURCES[key]
