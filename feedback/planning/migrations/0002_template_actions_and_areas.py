"""The planning template's starting actions for each of the six steps, and the areas of a good engagement approach.

Both are starting points that staff change in the admin for their own deployment.
"""

from django.db import migrations

# (step, what needs doing, time needed)
TEMPLATE_ACTIONS = [
    (1, "Agree who will do the audience analysis: for example locality leads, practice managers, local councillors "
        "and patient participation group chairs.", "Half an hour"),
    (1, "Book a half-day session for the first audience analysis.", "Half a day"),
    (1, "Hold the audience analysis session using the standard template, and agree who to invite to the stakeholder "
        "workshop (step 3).", "Half a day"),
    (1, "Add contact details to the audience analysis, key stakeholders first, so the workshop can be planned.",
     "1 week"),
    (1, "Ask the engagement team to add contacts from voluntary sector partners, the race equality council and "
        "parish and town councils.", "Included above"),
    (2, "Collect what patients, carers and the public have said in the last year: friends and family test results, "
        "surveys, inspection reports, earlier engagement events, compliments and complaints.", "1 week"),
    (2, "Read the feedback and note the main themes and any points of particular interest, to share with the "
        "project team (step 4).", "Included above"),
    (3, "Confirm the list of about 20 local stakeholders to invite to a first workshop, from the audience analysis.",
     "1 hour"),
    (3, "With the engagement team, arrange a half-day workshop: venue and refreshments, invitations (noting access "
        "needs), the programme, presentations, facilitators and their briefing.", "6 weeks"),
    (3, "Group the feedback from the workshop into themes and write it up as a short report.", "1 week"),
    (4, "Review the existing feedback and the workshop report at a project team meeting.", "An existing meeting"),
    (4, "Use the feedback to shape the proposals.", "As above"),
    (4, "Record how the feedback is reflected in the proposals or changed them, answer the questions people asked, "
        "and explain where views were not used and why.", "3 days"),
    (4, "Tell the stakeholders in the audience analysis what changed, and publish it on the website and social "
        "media with the engagement team's help.", "1 week"),
    (5, "Agree with the engagement team how much more engagement the proposals need: telling the people affected may "
        "be enough for a small change; a big change to how services are delivered needs wider engagement or "
        "consultation.", "Half a day"),
    (5, "For a big change, hold a public event to test the proposals, explaining how stakeholders shaped them. "
        "Publicise it widely using the audience analysis.", "6 weeks"),
    (5, "Group the feedback from the event into themes and write it up.", "1 week"),
    (6, "Agree how people will be kept up to date and can keep giving their views, for example through patient "
        "participation groups.", "Half a day"),
    (6, "Tell everyone in the audience analysis about changes as they happen, and what happened to their views.",
     "Ongoing"),
]

# The areas of a good public engagement approach used in the self-assessment survey.
AREAS = [
    ("Transparency on decision-making", "Being open about how and where decisions are made: across the system, in "
     "each place and in each organisation."),
    ("Public information on plans and performance", "Telling the public about the vision and the plans, and how well "
     "they are going."),
    ("Regular communication", "Keeping people up to date regularly, through many different channels."),
    ("Dialogue with public representatives", "Talking with councillors and other public representatives early and "
     "routinely, not only when there is news."),
    ("Voluntary sector and Healthwatch as partners", "Working with the voluntary sector and Healthwatch as key "
     "partners who make engagement possible."),
    ("Using existing insight", "Knowing and using what people have already said about their care and what they want "
     "from it."),
    ("Co-designing services", "Redesigning services together with local people and communities."),
    ("Reaching the unengaged", "Going out to people who are seldom heard, to understand every community properly."),
    ("Empowerment", "Helping patients and communities take more control of their own health and care."),
]


def add(apps, schema_editor):
    TemplateAction = apps.get_model("planning", "TemplateAction")
    if not TemplateAction.objects.exists():
        TemplateAction.objects.bulk_create(
            [
                TemplateAction(step=step, description=description, time_needed=time, position=position)
                for position, (step, description, time) in enumerate(TEMPLATE_ACTIONS, start=1)
            ]
        )
    Area = apps.get_model("planning", "Area")
    for position, (name, description) in enumerate(AREAS, start=1):
        Area.objects.get_or_create(name=name, defaults={"description": description, "position": position})


def remove(apps, schema_editor):
    apps.get_model("planning", "TemplateAction").objects.all().delete()
    apps.get_model("planning", "Area").objects.filter(name__in=[name for name, _ in AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
