"""Roles and capabilities: the one table of who may do what.

Every view declares the capability it needs (`accounts.decorators.requires`), and the middleware
refuses any view that declares none, so a new page cannot forget its rule. Which *cases* a user
may see is decided by `may_see_unit_cases`, called from the access gates (`people/access.py`).

Source of the split: the roles of `shared/DESIGN.md` ("Who uses it"), drawn from the seed report's
municipalities. No law assigns these tasks to these roles: who may decide, pay or approve is the
municipality's own delegation (*delegationsordning*), and a municipality may change this table.
"""

from enum import StrEnum


class Role(StrEnum):
    CASEWORKER = "caseworker"
    WORK_COACH = "work_coach"
    UNIT_MANAGER = "unit_manager"
    ANALYST = "analyst"
    ADMINISTRATOR = "administrator"
    APPLICANT = "applicant"  # a person applying, on their own pages (/mina-sidor/)
    PARTNER = "partner"  # an officer of a partner organisation (cooperation.PartnerUser)


class Capability(StrEnum):
    SIGNED_IN = "signed_in"  # any signed-in user: start page, own profile
    VIEW_CASES = "view_cases"  # individual cases of the user's own unit
    REGISTER_APPLICATION = "register_application"
    VIEW_UNIT = "view_unit"  # the unit's caseload per caseworker
    READ_ACCESS_LOG = "read_access_log"
    VIEW_STATISTICS = "view_statistics"  # aggregates only, never an individual
    MANAGE_NORMS = "manage_norms"  # enter next year's riksnorm table
    CALCULATE = "calculate"  # run the calculation engine on given input (no case data)
    DECIDE = "decide"  # draft and sign decisions (signing also needs delegation)
    RUN_PAYMENTS = "run_payments"  # the monthly payment run and its file
    MANAGE_ACTIVITIES = "manage_activities"  # the activity catalogue and attendance
    ASSESS_SANCTION = "assess_sanction"  # judge a sanction proposal: valid reason or a reduction
    APPROVE_SANCTION = "approve_sanction"  # approve or reject an assessed reduction (not one's own)
    MANAGE_PROJECTS = "manage_projects"  # register and change the unit's projects
    PROJECT_PARTICIPANTS = "project_participants"  # add participants to projects, end them
    REPORT_STATISTICS = "report_statistics"  # the monthly statutory file to Socialstyrelsen
    WRITE_JOURNAL = (
        "write_journal"  # write, sign and correct journal notes; ask for case discussion
    )
    HOLD_CASE_DISCUSSION = "hold_case_discussion"  # the unit's requested case discussions
    MANAGE_DOCUMENTS = "manage_documents"  # upload a case's documents, mark one in error
    OWN_PAGES = "own_pages"  # the applicant's own case, application and documents: nobody else's
    MANAGE_PARTNERS = "manage_partners"  # the register of partner organisations and contacts
    COOPERATION = "cooperation"  # a case's consents, disclosures and Arbetsförmedlingen status
    PARTNER_CASES = "partner_cases"  # a partner: the persons whose valid consent names its org
    MANAGE_EMPLOYERS = "manage_employers"  # the employer network: employers, contacts, offers
    MANAGE_REVIEW_GROUPS = "manage_review_groups"  # the unit's joint case review groups
    MANAGE_PARTNER_USERS = "manage_partner_users"  # sign-ins for officers of partner organisations


CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.CASEWORKER: frozenset(
        {
            Capability.SIGNED_IN,
            Capability.VIEW_CASES,
            Capability.REGISTER_APPLICATION,
            Capability.CALCULATE,
            Capability.DECIDE,
            Capability.ASSESS_SANCTION,
            Capability.PROJECT_PARTICIPANTS,
            Capability.WRITE_JOURNAL,
            Capability.MANAGE_DOCUMENTS,
            Capability.COOPERATION,
        }
    ),
    Role.WORK_COACH: frozenset(
        {
            Capability.SIGNED_IN,
            Capability.VIEW_CASES,
            Capability.CALCULATE,
            Capability.MANAGE_ACTIVITIES,
            Capability.PROJECT_PARTICIPANTS,
            Capability.WRITE_JOURNAL,
            Capability.MANAGE_DOCUMENTS,
            Capability.COOPERATION,
            Capability.MANAGE_EMPLOYERS,
        }
    ),
    Role.UNIT_MANAGER: frozenset(
        {
            Capability.SIGNED_IN,
            Capability.VIEW_CASES,
            Capability.REGISTER_APPLICATION,
            Capability.VIEW_UNIT,
            Capability.READ_ACCESS_LOG,
            Capability.VIEW_STATISTICS,
            Capability.CALCULATE,
            Capability.DECIDE,
            Capability.RUN_PAYMENTS,
            Capability.MANAGE_ACTIVITIES,
            Capability.ASSESS_SANCTION,
            Capability.APPROVE_SANCTION,
            Capability.REPORT_STATISTICS,
            Capability.MANAGE_PROJECTS,
            Capability.PROJECT_PARTICIPANTS,
            Capability.WRITE_JOURNAL,
            Capability.HOLD_CASE_DISCUSSION,
            Capability.MANAGE_DOCUMENTS,
            Capability.COOPERATION,
            Capability.MANAGE_PARTNERS,
            Capability.MANAGE_EMPLOYERS,
            Capability.MANAGE_REVIEW_GROUPS,
            Capability.MANAGE_PARTNER_USERS,
        }
    ),
    Role.ANALYST: frozenset(
        {Capability.SIGNED_IN, Capability.VIEW_STATISTICS, Capability.CALCULATE}
    ),
    Role.ADMINISTRATOR: frozenset(
        {
            Capability.SIGNED_IN,
            Capability.MANAGE_NORMS,
            Capability.CALCULATE,
            Capability.MANAGE_PARTNER_USERS,
        }
    ),
    # Applicants are outside the unit: they never see the unit's cases (`may_see_unit_cases`),
    # only what their own gate opens.
    Role.APPLICANT: frozenset({Capability.SIGNED_IN, Capability.OWN_PAGES}),
    # Partners are outside the unit too: they see a person only while a valid consent names their
    # organisation (`cooperation.access.access_partner_person`), and only the consented kinds.
    Role.PARTNER: frozenset({Capability.SIGNED_IN, Capability.PARTNER_CASES}),
}


def has_capability(role: str, capability: Capability) -> bool:
    try:
        return capability in CAPABILITIES[Role(role)]
    except ValueError:
        return False


def may_see_unit_cases(*, role: str, user_unit_id: int | None, case_unit_id: int) -> bool:
    """A caseworker, work coach or manager sees the cases of their own unit; nobody else any."""
    return has_capability(role, Capability.VIEW_CASES) and user_unit_id == case_unit_id
