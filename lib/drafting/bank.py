"""Rapport's own question bank for informational interviews, written for it.

Each entry: (category, topic, tags, template). The topic names the debrief field that an earlier
conversation may already have answered ("realities", "career_path", "advice", ...), so a question
is skipped when the user already knows the answer from this organisation. Tags raise a question's
relevance: the user's stage (changer, graduate, seeker, student, returner), the contact's seniority
(senior, junior), an industry (tech, health, climate, finance, education, media, consulting,
public), or a theme (skills, hiring, culture, remote, growth, portfolio, network, data, research).

Placeholders are filled from the context, always with a fallback, so no brace survives:
{first_name} {organisation} {industry} {role} {target_role} {background} {introducer}
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    category: str
    topic: str
    tags: frozenset[str]
    template: str


def _e(category: str, topic: str, tags: str, template: str) -> Entry:
    return Entry(category, topic, frozenset(tags.split()), template)


BANK: list[Entry] = [
    # -- Trends: where the field is going ------------------------------------------------------
    _e("trends", "trends", "", "What changes do you expect in {industry} over the next two or three years?"),
    _e("trends", "trends", "senior", "Which shifts in {industry} are you planning for at {organisation} right now?"),
    _e("trends", "trends", "tech", "How is AI changing the day-to-day work of a {role}?"),
    _e("trends", "trends", "", "Which skills will matter more for a {target_role} in five years than they do today?"),
    _e("trends", "trends", "", "What do newcomers to {industry} tend to misunderstand about where it is heading?"),
    _e("trends", "trends", "climate", "How are new regulations and reporting rules changing the work in {industry}?"),
    _e("trends", "trends", "health", "How are patients' expectations changing what {organisation} builds?"),
    _e("trends", "trends", "finance", "How is open banking or new regulation changing the products in {industry}?"),
    _e("trends", "trends", "education", "How has the shift to online and hybrid learning changed your work?"),
    _e("trends", "trends", "remote", "How has remote and hybrid work changed the way your team collaborates?"),
    _e("trends", "trends", "hiring", "Which roles do you see growing in {industry}, and which are shrinking?"),
    _e("trends", "trends", "senior", "What keeps leaders in {industry} up at night at the moment?"),
    _e("trends", "trends", "", "Which companies or teams do you think are doing the most interesting work in {industry}?"),
    _e("trends", "trends", "data research", "How is the way {organisation} uses data and evidence changing?"),
    _e("trends", "trends", "media", "How are audiences' habits changing the kind of work {organisation} takes on?"),
    _e("trends", "trends", "consulting", "What are clients asking for now that they were not asking for two years ago?"),
    _e("trends", "trends", "public", "How are budget pressures changing priorities in your part of the sector?"),
    _e("trends", "trends", "changer", "Is {industry} becoming more or less open to people coming from other careers?"),
    _e("trends", "trends", "", "What is a debate in {industry} right now where thoughtful people disagree?"),
    _e("trends", "trends", "growth", "Where do you see {organisation} growing, and what will that need from its people?"),
    _e("trends", "trends", "tech", "Which tools have changed how a {role} works in the last couple of years?"),
    _e("trends", "trends", "", "What trend in {industry} do you think is overhyped, and which is underrated?"),
    _e("trends", "trends", "senior", "How do you expect the {target_role} role itself to change?"),
    _e("trends", "trends", "graduate student", "What will be different for people starting out in {industry} next year?"),
    # -- Insights: what it is really like ------------------------------------------------------
    _e("insights", "realities", "", "What does a typical week look like for you as a {role}?"),
    _e("insights", "realities", "", "What takes up more of your time than people from outside would guess?"),
    _e("insights", "realities", "", "How do decisions actually get made at {organisation}?"),
    _e("insights", "realities", "culture", "How would you describe the culture of your team, in a few words?"),
    _e("insights", "benefits", "", "What do you find most rewarding about working at {organisation}?"),
    _e("insights", "challenges", "", "What is the hardest part of being a {role}?"),
    _e("insights", "challenges", "senior", "What problem is your team most focused on solving this year?"),
    _e("insights", "loves", "", "What part of your work would you happily do even if nobody asked you to?"),
    _e("insights", "loathes", "", "Which part of the job would you hand to someone else if you could?"),
    _e("insights", "career_path", "", "How did you come to be a {role} at {organisation}?"),
    _e("insights", "career_path", "changer", "You came into {industry} from elsewhere? What carried over, and what did you have to learn?"),
    _e("insights", "influences", "", "Who or what influenced your career most along the way?"),
    _e("insights", "career_path", "senior", "Looking back, which move in your career mattered most, and why?"),
    _e("insights", "realities", "", "Who do you work with most closely, and how do you split the work?"),
    _e("insights", "realities", "research data", "How does your team decide what to measure or research next?"),
    _e("insights", "realities", "", "What does success look like in your role after the first year?"),
    _e("insights", "realities", "hiring", "What distinguishes the people who thrive at {organisation}?"),
    _e("insights", "challenges", "", "What surprised you most in your first months at {organisation}?"),
    _e("insights", "realities", "remote", "How much of your work happens in meetings, and how much on your own?"),
    _e("insights", "realities", "", "How does your work connect to what {organisation}'s customers or users experience?"),
    _e("insights", "benefits", "growth", "How do people grow at {organisation}: is there a path, or do you make your own?"),
    _e("insights", "realities", "skills", "Which skills do you use every day, and which ones only occasionally?"),
    _e("insights", "challenges", "culture", "When things go wrong on a project, how does the team handle it?"),
    _e("insights", "realities", "junior", "What does someone in their first role on your team spend most of their time on?"),
    _e("insights", "realities", "senior", "How has your job changed since you moved into leading others?"),
    _e("insights", "realities", "health", "How do clinical and product people work together at {organisation}?"),
    _e("insights", "realities", "climate", "How do you balance mission and commercial pressure at {organisation}?"),
    _e("insights", "realities", "finance", "How does regulation shape the everyday work of a {role}?"),
    _e("insights", "realities", "education", "How close to learners does your work get day to day?"),
    _e("insights", "realities", "consulting", "How is your time split between client work and business development?"),
    _e("insights", "realities", "media", "How do deadlines shape the rhythm of your week?"),
    _e("insights", "realities", "public", "How do you measure the impact of your work?"),
    _e("insights", "loves", "", "What was a recent moment at work that made you think 'this is why I do this'?"),
    _e("insights", "challenges", "", "What is a common misconception about what a {role} does?"),
    _e("insights", "realities", "tech", "How much of your work is hands-on, and how much is coordinating others?"),
    _e("insights", "realities", "", "What does a good handover between your team and the next one look like?"),
    _e("insights", "benefits", "", "What keeps you at {organisation} when other offers come along?"),
    # -- Advice: what they would do in my place ------------------------------------------------
    _e("advice", "advice", "changer", "Coming from {background}, what would you do first if you wanted to become a {target_role}?"),
    _e("advice", "advice", "", "If you were starting out as a {target_role} today, what would you focus on?"),
    _e("advice", "advice", "changer", "Which parts of my background would you lead with, and which would you play down?"),
    _e("advice", "advice", "skills", "Which gap do you see most often in people trying to move into this work?"),
    _e("advice", "advice", "portfolio", "What makes a portfolio or a case study stand out to you?"),
    _e("advice", "advice", "graduate student", "What would you tell your younger self about the first years in {industry}?"),
    _e("advice", "advice", "", "What is one thing I should learn in the next three months to be credible in this field?"),
    _e("advice", "advice", "seeker", "How would you spend the next month if you were in my position?"),
    _e("advice", "advice", "network", "How do people usually find their way into teams like yours?"),
    _e("advice", "advice", "", "What mistakes do you see people make when they try to move into {industry}?"),
    _e("advice", "advice", "senior", "What do you look for when someone new joins your team?"),
    _e("advice", "advice", "returner", "How would you explain a career break so it reads as a strength?"),
    _e("advice", "advice", "", "Is there anything you wish someone had told you before you became a {role}?"),
    _e("advice", "advice", "changer", "How can I show that skills from {background} carry over to this work?"),
    _e("advice", "advice", "", "Which kinds of organisations would suit someone with my experience best?"),
    _e("advice", "advice", "growth", "What would make the first ninety days in a role like yours go well?"),
    _e("advice", "advice", "culture", "How can someone from outside get a feel for a team's culture before joining?"),
    _e("advice", "advice", "skills", "Which of my strengths do you think would matter most in {industry}?"),
    _e("advice", "advice", "", "What would you be careful about if you were in my shoes?"),
    _e("advice", "advice", "junior", "How did you learn the unwritten rules of the work when you started?"),
    _e("advice", "advice", "research", "How would you practise the craft of a {target_role} before having the title?"),
    _e("advice", "advice", "seeker", "Which signals tell you that a team is a good place to learn?"),
    # -- Resources: where to learn more --------------------------------------------------------
    _e("resources", "resources", "", "Which books, newsletters or podcasts shaped how you think about your work?"),
    _e("resources", "resources", "network", "Which communities or meetups are worth joining for someone moving into {industry}?"),
    _e("resources", "resources", "", "Which conferences or events do people in {industry} actually go to?"),
    _e("resources", "resources", "skills", "Is there a course or certificate that people in your field respect?"),
    _e("resources", "resources", "", "Whose work in {industry} do you follow and admire?"),
    _e("resources", "resources", "tech", "Which tools should I get comfortable with before I apply for a {target_role} role?"),
    _e("resources", "resources", "research data", "Is there a public data set or case study you would point a newcomer to?"),
    _e("resources", "resources", "", "Which trade publication would help me understand {industry} from the inside?"),
    _e("resources", "resources", "portfolio", "Are there examples of good work in your field I could study?"),
    _e("resources", "resources", "network", "Are there professional associations in {industry} worth joining?"),
    _e("resources", "resources", "graduate student", "Are there programmes or fellowships for people starting out in {industry}?"),
    _e("resources", "resources", "", "Which internal skills does {organisation} train people in, and could I learn them on my own?"),
    _e("resources", "resources", "changer", "What would you read if you had one weekend to understand {industry}?"),
    _e("resources", "resources", "", "Is there a glossary or a set of terms I should know before talking to people in {industry}?"),
    _e("resources", "resources", "senior", "Which thinkers or writers influence how you lead your team?"),
    _e("resources", "resources", "", "Is there a talk or article you often send to people who ask you about your job?"),
    # -- Assignments: small steps to test the fit ----------------------------------------------
    _e("assignments", "assignments", "", "Is there a small project I could do to find out whether this work suits me?"),
    _e("assignments", "assignments", "portfolio", "What would a convincing first portfolio piece for a {target_role} look like?"),
    _e("assignments", "assignments", "", "Could I shadow part of your work, or a meeting, sometime?"),
    _e("assignments", "assignments", "", "Is there a problem at {organisation} I could study on my own and share my thinking on?"),
    _e("assignments", "assignments", "changer", "Which piece of my work from {background} could I reframe as a case study?"),
    _e("assignments", "assignments", "research", "If I ran a small study on my own, what question would be worth asking?"),
    _e("assignments", "assignments", "skills", "What exercise would you set someone to practise the core skill of your role?"),
    _e("assignments", "assignments", "network", "Are there volunteer or pro bono projects where I could practise these skills?"),
    _e("assignments", "assignments", "data", "Is there a data set I could analyse to show how I think?"),
    _e("assignments", "assignments", "", "If I tried one thing this month and reported back, what would you suggest?"),
    _e("assignments", "assignments", "graduate student", "Could I test this work through a short placement or a competition?"),
    _e("assignments", "assignments", "senior", "Is there a question your team never has time for that an outsider could explore?"),
    _e("assignments", "assignments", "tech", "Which open-source project or tool could I contribute to, to learn the ropes?"),
    _e("assignments", "assignments", "", "What would you want to see from me if we spoke again in a couple of months?"),
    _e("assignments", "assignments", "changer", "Could I sit in on a team ritual, like a review or a retro, to see the work up close?"),
    _e("assignments", "assignments", "", "What would be a sensible weekend project to try the core of a {target_role}'s work?"),
    _e("assignments", "assignments", "seeker", "If I wrote up a short analysis of {organisation}'s product, would you be willing to glance at it?"),
    _e("resources", "resources", "seeker", "Where do roles like yours get advertised, if they get advertised at all?"),
    _e("resources", "resources", "junior", "Which internal wiki, handbook or public guide helped you most in your first year?"),
    _e("resources", "resources", "tech", "Which online communities do {role}s actually ask each other questions in?"),
    _e("advice", "advice", "returner", "Which recent changes in {industry} should I catch up on first after time away?"),
    _e("advice", "advice", "network", "How should I stay in touch with you without taking too much of your time?"),
    _e("advice", "advice", "", "If you had to bet on one skill for a {target_role}, which would it be?"),
    _e("insights", "realities", "", "How much room is there to shape your own work at {organisation}?"),
    _e("insights", "benefits", "culture", "What does {organisation} do well for the people who work there?"),
    _e("trends", "trends", "research", "What questions is {industry} only starting to ask of its users?"),
    # -- Rapport openers (used when no rapport note or shared background fits) ------------------
    _e("rapport", "rapport", "", "Thank you for making time. How did you come to work in {industry}?"),
    _e("rapport", "rapport", "", "What has been the best part of your week so far?"),
    _e("rapport", "rapport", "changer", "I saw that you also changed direction at some point; what prompted it?"),
    _e("rapport", "rapport", "", "What are you working on at the moment that you are excited about?"),
    _e("rapport", "rapport", "senior", "How did your path lead you to {organisation}?"),
    _e("rapport", "rapport", "graduate student", "Where did you study, and did it point you towards {industry}?"),
    # -- Closing -------------------------------------------------------------------------------
    _e("closing", "closing", "", "Who else would you suggest I speak to, and may I mention your name?"),
    _e("closing", "closing", "", "Is there anyone at {organisation} or elsewhere you think I should meet next?"),
    _e("closing", "closing", "network", "Who are two or three people whose view on {industry} you would trust?"),
    _e("closing", "closing", "", "May I keep you posted on how I get on with your advice?"),
]

OPENER_FROM_INTRODUCER = "{introducer} suggested we talk - how do you two know each other?"
# {how} is "as" before a role ("as a nurse") and "from" before a span ("from eight years as a teacher").
OPENER_FROM_BACKGROUND = "I'm coming to this {how} {background}. What from outside {industry} has helped you most?"
OFFER_TEMPLATES = [
    "Is there anything I can help with in return - for instance {offer}?",
    "I would be glad to return the favour: {offer}, if that would be useful.",
]
