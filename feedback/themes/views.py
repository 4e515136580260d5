"""Staff pages for suggested themes, in the admin: start a run, watch it, edit and confirm the suggestions.

Every page is behind the admin's sign-in (urls.py) and asks the source, for each object, whether
this person may theme its texts (sources.Source.get: 403 without the permission, 404 if not theirs).
"""

from django.contrib import admin, messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from engagement.core.confirm import counted
from feedback.models import Theme
from feedback.planning.survey import CodedTheme

from . import jobs, services
from .forms import StartForm
from .models import Run
from .sources import SOURCES, source_for
from .text import strip_personal


def _page(request, template, title, **context):
    request.current_app = admin.site.name
    return TemplateResponse(request, template, {**admin.site.each_context(request), "title": title, **context})


def start(request, source, pk):
    source = source_for(source)
    obj = source.get(request.user, pk)
    parts = source.parts(obj)
    count = None if parts else source.count(obj)
    form = StartForm(request.POST or None, parts=parts, count=count)
    if request.method == "POST" and form.is_valid():
        run = services.start(
            request.user,
            source,
            obj,
            form.cleaned_data.get("part", ""),
            form.cleaned_data["min_themes"],
            form.cleaned_data["max_themes"],
        )
        return redirect("themes:run", run.pk)
    earlier = Run.objects.filter(source=source.key, object_id=obj.pk).select_related("created_by")[:10]
    return _page(
        request,
        "admin/themes/start.html",
        f"Suggest themes: {obj}",
        form=form,
        obj=obj,
        source=source,
        count=count,
        anything=any(texts for _, _, texts in parts) if parts else bool(count),
        earlier=earlier,
        back_url=source.admin_url(obj),
    )


def _run_for(request, run_id):
    """The run and its source object, if this person may theme that object's texts."""
    run = get_object_or_404(Run.objects.select_related("created_by", "confirmed_by"), pk=run_id)
    source = SOURCES[run.source]
    return run, source, source.get(request.user, run.object_id)


def run_page(request, run_id):
    run, source, obj = _run_for(request, run_id)
    if request.method == "POST":
        return _edit(request, run)
    run = jobs.give_up_if_stopped(run)
    done, total = jobs.progress(run)
    if request.GET.get("progress") == "check":
        # Asked every few seconds by static/js/theme-progress.js, which updates the page in place.
        return JsonResponse(
            {
                "running": run.is_running,
                "done": done,
                "total": total,
                "percent": round(100 * done / total) if total else 0,
            },
            headers={"Cache-Control": "no-store"},
        )
    context = {
        "run": run,
        "obj": obj,
        "Status": Run.Status,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "back_url": source.admin_url(obj),
        "start_url": reverse("themes:start", args=[source.key, obj.pk]),
    }
    if run.status == Run.Status.READY:
        context |= _suggestions(run, source, obj)
    if run.status == Run.Status.CONFIRMED:
        context |= _confirmed(run)
    return _page(request, "admin/themes/run.html", run.title, **context)


def _suggestions(run, source, obj):
    texts = {pk: strip_personal(text) for pk, text in source.texts(obj, run.part)}
    suggestions = [
        {
            **suggestion,
            "quote_texts": [texts[pk] for pk in suggestion["quotes"] if pk in texts],
            "members": [(pk, texts[pk]) for pk in suggestion["ids"] if pk in texts],
        }
        for suggestion in run.suggestions
    ]
    if source.key == "survey":
        names = CodedTheme.objects.filter(survey=obj).values_list("name", flat=True)
    else:
        names = Theme.objects.values_list("name", flat=True)
    return {
        "suggestions": suggestions,
        "unassigned": [(pk, texts[pk]) for pk in run.unassigned if pk in texts],
        "theme_names": list(names),
    }


def _confirmed(run):
    # Drafts of "what we heard" are for a project's response; other sources are tagged and done.
    return {"can_draft": run.source == "project" and run.drafted_at is None}


def _ids(request, name):
    return [value for value in request.POST.getlist(name) if value.isdigit()]


def _edit(request, run):
    """One form, several buttons: names typed in are kept whichever button is pressed."""
    action = request.POST.get("action", "save")
    ticked = _ids(request, "suggestion")
    try:
        names = {s["key"]: request.POST.get(f"name-{s['key']}", "") for s in run.suggestions}
        run = services.rename(run, names)
        if action == "merge":
            run, label, merged = services.merge(run, ticked)
            messages.success(request, f"Merged {merged} suggestions into “{label}”.")
        elif action == "split":
            into = request.POST.get("into", "2")
            into = int(into) if into.isdigit() and int(into) >= 2 else 2
            run, label, made = services.split(run, ticked, into)
            messages.success(request, f"Split “{label}” into {made} suggestions.")
        elif action == "drop":
            run, dropped = services.drop(run, ticked)
            messages.success(
                request, f"Dropped {counted(dropped, 'suggestion')}. Their texts are under “Not in any theme”."
            )
        elif action == "move":
            target = request.POST.get("target", "")
            run, moved, label = services.move(run, _ids(request, "text"), int(target) if target.isdigit() else None)
            where = f"“{label}”" if label else "“Not in any theme”"
            messages.success(request, f"Moved {counted(moved, 'text')} to {where}.")
        elif action == "confirm":
            run, tagged = services.confirm(run, request.user)
            messages.success(request, f"Confirmed: {counted(tagged, 'text')} tagged with their themes.")
        else:
            messages.success(request, "Names saved.")
    except services.NotAllowed as error:
        messages.error(request, str(error))
    return redirect("themes:run", run.pk)


@require_POST
def make_drafts(request, run_id):
    """Draft "what we heard" entries for a project's confirmed themes, then show them in the project."""
    run, source, project = _run_for(request, run_id)
    try:
        entries = services.make_drafts(run, project)
    except services.NotAllowed as error:
        messages.error(request, str(error))
        return redirect("themes:run", run.pk)
    messages.warning(
        request,
        f"Drafted {counted(len(entries), 'response entry', 'response entries')}. Rewrite each “what we heard” "
        "in your own words and say how you reflected it: the response cannot be published until you do.",
    )
    return redirect(source.admin_url(project))
