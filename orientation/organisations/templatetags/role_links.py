"""``{% include membership|role_links_template %}``: the links "Mon espace" shows for a role, one small
template per kind of role under ``organisations/role_links/`` (so no template compares role codes)."""

from django import template

from orientation.organisations.enums import LEARNER_ROLES, Role

register = template.Library()

ROLE_LINKS = {
    Role.HEAD: "head",
    Role.FORM_TEACHER: "school_staff",
    Role.GUIDANCE_PSYCHOLOGIST: "school_staff",
    Role.OTHER_STAFF: "school_staff",
    Role.COORDINATOR: "coordinator",
    Role.ADMINISTRATOR: "administrator",
    Role.PARENT: "parent",
    **dict.fromkeys(LEARNER_ROLES, "learner"),
    Role.COMPANY_MEMBER: "company",
    Role.AMBASSADOR: "ambassador",
}


@register.filter
def role_links_template(membership) -> str:
    kind = ROLE_LINKS.get(getattr(membership, "role", None), "visitor")
    return f"organisations/role_links/{kind}.html"
