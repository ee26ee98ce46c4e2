"""Pure rules of paying: the unit's payment conditions."""

from __future__ import annotations


def conditions_unmet(
    *,
    personal_visit_required: bool,
    application_required: bool,
    af_required: bool,
    personal_visit_held: bool,
    applied_for_month: bool,
    registered_at_af: bool,
) -> list[str]:
    """The unit's payment conditions that a decision does not meet (empty when it may be paid).

    The conditions are the unit's own practice, not law: a personal visit in the month (Borås), a
    monthly application (Haninge), registration at Arbetsförmedlingen for those who stand at the
    labour market's disposal (socialtjänstlagen (2001:453) 4 kap. 1 § andra stycket).
    """
    unmet = []
    if personal_visit_required and not personal_visit_held:
        unmet.append("personal_visit")
    if application_required and not applied_for_month:
        unmet.append("monthly_application")
    if af_required and not registered_at_af:
        unmet.append("af_registration")
    return unmet
