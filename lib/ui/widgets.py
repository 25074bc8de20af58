"""Widgets more than one page uses: the contact and profile forms, problem lists, labels."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import streamlit as st

from lib import cadence, clock, contacts, organisations, wording
from lib import profile as profiles
from lib.db import Database
from lib.ui.text import plain
from lib.validation import Invalid


def show_problems(error: Invalid) -> None:
    """Every problem with a form at once, so the user fixes them in one go."""
    lines = "\n".join(f"- {plain(message)}" for message in error.problems.values())
    st.error(f"Nothing was saved. Please fix:\n{lines}", icon=":material/error:")


count = wording.count  # '1 promise', '2 promises', 'no referrals': one way everywhere (lib/wording.py)


def hours_after(hours: float) -> str:
    """'within the hour', '1 hour', '5 hours', '2 days': how long something took."""
    if hours < 1:
        return "within the hour"
    if hours < 48:
        return f"{round(hours):.0f} hour{'s' if round(hours) != 1 else ''} after the meeting"
    return f"{hours / 24:.0f} days after the meeting"


def greeting(local_hour: int, name: str) -> str:
    """Good morning / afternoon / evening, with the first name when there is one."""
    part = "Good morning" if 5 <= local_hour < 12 else "Good afternoon" if 12 <= local_hour < 18 else "Good evening"
    first = name.split()[0] if name.strip() else ""
    return f"{part}, {plain(first)}." if first else f"{part}."


def relative(ts: datetime | date | None, today: date, tz: str | None = None) -> str:
    """'today', '3 days ago', 'in 2 weeks', '7 years ago': how people talk about dates. A stored time (UTC) is
    taken to the user's zone `tz` first, so a 07:00 Sydney meeting is not "1 day ago" at 08:00."""
    if ts is None or str(ts) == "NaT":
        return "never"
    if isinstance(ts, datetime) and tz:
        ts = clock.to_local(ts, tz)
    day = ts.date() if isinstance(ts, datetime) else ts
    days = (day - today).days
    if days == 0:
        return "today"
    span = abs(days)
    years = span // 365
    unit = (f"{span} days" if span < 14 else f"{span // 7} weeks" if span < 60
            else f"{span // 30} months" if span < 365 else f"{years} year{'s' if years != 1 else ''}")
    if span == 1:
        unit = "1 day"
    return f"in {unit}" if days > 0 else f"{unit} ago"


def figure(where: Any, label: str, value: object, help: str | None = None) -> None:
    """A headline number and what it counts, in Markdown: st.metric's code took a third of a second to
    load on Today's first page."""
    where.markdown(f"**{value}**  \n{label}", help=help)


def hours_badge(hours_left: float) -> str:
    """Time left in a window (or past it), in hours while short and in days beyond two."""
    span = abs(hours_left)
    amount = f"{span:.0f} hours" if span < 48 else f"{span / 24:.0f} days"
    if span < 1.5:
        amount = "1 hour" if span >= 0.5 else "under an hour"
    return f":orange-badge[{amount} left]" if hours_left >= 0 else f":red-badge[{amount} late]"


STATE_BADGES = {
    "healthy": ":green-badge[Healthy]",
    "due_soon": ":orange-badge[Due soon]",
    "overdue": ":red-badge[Overdue]",
    "dormant": ":gray-badge[Dormant]",
}


def contact_form(db: Database, key: str, current: dict[str, Any] | None = None,
                 submit_label: str = "Save contact") -> dict[str, Any] | None:
    """The add/edit contact form; returns the submitted fields, or None until submitted."""
    current = current or {}
    org_names = organisations.names(db)
    people = contacts.choices(db, include_archived=True)
    people.pop(current.get("id"), None)
    with st.form(key, clear_on_submit=False, border=True):
        left, right = st.columns(2)
        with left:
            name = st.text_input("Name *", value=current.get("full_name", ""), key=f"{key}_name")
            email = st.text_input("Email", value=current.get("email", ""), key=f"{key}_email")
            linkedin = st.text_input("LinkedIn URL", value=current.get("linkedin_url", ""),
                                     placeholder="https://www.linkedin.com/in/their-name",
                                     key=f"{key}_linkedin")
            phone = st.text_input("Phone", value=current.get("phone", ""), key=f"{key}_phone")
            org_now = current.get("organisation") or None
            organisation = st.selectbox(
                "Organisation", org_names, index=org_names.index(org_now) if org_now in org_names
                else None, accept_new_options=True, placeholder="Pick or type a new one",
                key=f"{key}_organisation")
            industry = st.text_input("Industry (for a new organisation)",
                                     value=current.get("industry", ""), key=f"{key}_industry")
            role = st.text_input("Role", value=current.get("role", ""), key=f"{key}_role")
            location = st.text_input("Location", value=current.get("location", ""),
                                     key=f"{key}_location")
        with right:
            source = st.selectbox("How we met", list(contacts.SOURCES),
                                  index=list(contacts.SOURCES).index(current.get("source", "other")),
                                  format_func=contacts.SOURCES.get, key=f"{key}_source")
            introducer = st.selectbox(
                "Introduced by", list(people), format_func=people.get,
                index=list(people).index(current["introduced_by_id"])
                if current.get("introduced_by_id") in people else None,
                placeholder="Nobody", key=f"{key}_introducer")
            # No max_value: a future date must reach validation and be named in the list of problems.
            first_met = st.date_input("First met", value=current.get("first_met_on"), format="YYYY-MM-DD",
                                      key=f"{key}_first_met")
            tier = st.selectbox("Tier", list(cadence.TIERS), format_func=cadence.TIERS.get,
                                index=list(cadence.TIERS).index(current.get("tier", "active")),
                                key=f"{key}_tier")
            cadence_days = st.number_input(
                "Keep in touch every … days (0 = the tier's default)", min_value=0, max_value=730,
                value=int(current.get("cadence_days") or 0), step=1, key=f"{key}_cadence")
            tags = st.multiselect("Tags", contacts.all_tags(db), default=current.get("tags", []),
                                  accept_new_options=True, key=f"{key}_tags")
        rapport = st.text_area("Rapport notes (personal details, shared interests)",
                               value=current.get("rapport_notes", ""), key=f"{key}_rapport")
        notes = st.text_area("Notes", value=current.get("notes", ""), key=f"{key}_notes")
        submitted = st.form_submit_button(submit_label, type="primary")
    if not submitted:
        return None
    return {
        "full_name": name, "email": email, "linkedin_url": linkedin, "phone": phone,
        "organisation": organisation or "", "industry": industry, "role": role,
        "location": location, "source": source, "introduced_by_id": introducer,
        "first_met_on": first_met, "tier": tier, "cadence_days": cadence_days or None,
        "tags": tags, "rapport_notes": rapport, "notes": notes,
    }


def profile_form(current: profiles.Profile, key: str, full: bool,
                 submit_label: str = "Save profile") -> dict[str, Any] | None:
    """The profile form: the essentials at onboarding, everything in Settings."""
    zones = clock.time_zone_names()
    stages = list(profiles.STAGE_LABELS)
    with st.form(key, border=True):
        name = st.text_input("Your name", value=current.name, key=f"{key}_name")
        stage = st.selectbox("Where you are", stages, index=stages.index(current.stage),
                             format_func=profiles.STAGE_LABELS.get, key=f"{key}_stage")
        background = st.text_area("Background", value=current.background,
                                  placeholder="What you have done so far, in a sentence or two",
                                  key=f"{key}_background")
        roles = st.text_input("Target roles", value=current.target_roles,
                              placeholder="e.g. UX researcher, product manager", key=f"{key}_roles")
        industries = st.text_input("Target industries", value=current.target_industries,
                                   placeholder="e.g. Climate tech, Healthtech",
                                   key=f"{key}_industries")
        strengths = st.text_area("Strengths", value=current.strengths, key=f"{key}_strengths")
        offers = st.text_area("What I can offer others", value=current.offers,
                              placeholder="Introductions, skills, feedback you can give back",
                              key=f"{key}_offers")
        goal = st.number_input("Weekly interview goal", min_value=0, max_value=50,
                               value=current.weekly_goal, key=f"{key}_goal")
        time_zone = st.selectbox("Time zone", zones, index=zones.index(current.time_zone)
                                 if current.time_zone in zones else zones.index("UTC"),
                                 key=f"{key}_tz")
        extra: dict[str, Any] = {}
        if full:
            extra = _profile_defaults(current, key)
        submitted = st.form_submit_button(submit_label, type="primary")
    if not submitted:
        return None
    return {"name": name, "stage": stage, "background": background, "target_roles": roles,
            "target_industries": industries, "strengths": strengths, "offers": offers,
            "weekly_goal": int(goal), "time_zone": time_zone} | extra


def _profile_defaults(current: profiles.Profile, key: str) -> dict[str, Any]:
    email = st.text_input("Your email", value=current.email, key=f"{key}_email",
                          help="So a calendar or mailbox you import never takes you for one of your contacts. "
                               "Several addresses? Separate them with commas.")
    st.markdown("**Reminders and defaults**")
    a, b, c = st.columns(3)
    window = a.number_input("Thank-you window (hours)", 1, 336, current.thank_you_window_hours,
                            key=f"{key}_window")
    report = b.number_input("Report back on advice after (days)", 1, 365,
                            current.report_back_days, key=f"{key}_report")
    plan = c.selectbox("LinkedIn plan", ["free", "premium"],
                       index=["free", "premium"].index(current.linkedin_plan),
                       format_func={"free": "Free (200-character notes)",
                                    "premium": "Premium (300-character notes)"}.get,
                       key=f"{key}_plan")
    st.markdown("**Keep-in-touch cadence by tier (days)**")
    a, b, c = st.columns(3)
    close = a.number_input("Close", 1, 730, current.cadence_close_days, key=f"{key}_close")
    active = b.number_input("Active", 1, 730, current.cadence_active_days, key=f"{key}_active")
    casual = c.number_input("Casual", 1, 730, current.cadence_casual_days, key=f"{key}_casual")
    return {"email": email, "thank_you_window_hours": int(window), "report_back_days": int(report),
            "linkedin_plan": plan, "cadence_close_days": int(close),
            "cadence_active_days": int(active), "cadence_casual_days": int(casual)}
