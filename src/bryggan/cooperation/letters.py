"""The consent form to sign, one per organisation (as Hässleholm hands them out before a joint case
review), and the printout of what a consent lets go to an organisation. Both in Swedish, with the
decision letter's ReportLab helpers.

Sources: OSL (2009:400) 26 kap. 1 § (secrecy), 12 kap. 2 § (the person may lift it).
"""

from __future__ import annotations

from datetime import date

from django.utils import translation
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from bryggan.cooperation.models import InformationKindChoices, PartnerOrganisation
from bryggan.cooperation.rules import InformationKind
from bryggan.cooperation.selectors import SharedInformation
from bryggan.decisions.letters import escape_markup, letter_pdf
from bryggan.people.models import Person

KIND_WORDS = {
    InformationKind.IDENTITY: "Identitet och kontaktuppgifter",
    InformationKind.PLAN: "Planering och aktiviteter",
    InformationKind.ECONOMY: "Ekonomisk situation",
    InformationKind.HEALTH: "Hälsa och arbetsförmåga",
}
SECRECY = (
    "Uppgifter om dig hos socialtjänsten omfattas av sekretess (offentlighets- och "
    "sekretesslagen (2009:400) 26 kap. 1 §). Med ditt samtycke kan sekretessen hävas helt eller "
    "delvis (12 kap. 2 §), så att uppgifter kan lämnas mellan socialtjänsten och organisationen "
    "nedan, till exempel inför gemensamma ärendegenomgångar."
)
WITHDRAWAL = (
    "Samtycket är frivilligt. Du kan när som helst återkalla det, muntligt eller skriftligt, och "
    "det gäller då genast. Att du inte samtycker påverkar inte din rätt att ansöka om bistånd."
)


def _address(person: Person) -> str:
    """A protected identity's address never leaves the unit, consent or not."""
    return "Adressen är skyddad." if person.protected_identity else person.address


def consent_form_pdf(
    *,
    person: Person,
    organisation: PartnerOrganisation,
    unit_name: str,
    valid_from: date,
    valid_to: date,
) -> bytes:
    """A form for the person to sign: the organisation, the kinds to tick, the period."""
    styles = getSampleStyleSheet()
    e = escape_markup
    story: list[Flowable] = [
        Paragraph(e(unit_name), styles["Normal"]),
        Paragraph("Samtycke till att uppgifter lämnas", styles["Title"]),
        Paragraph(f"Mellan socialtjänsten och <b>{e(organisation.name)}</b>", styles["Heading2"]),
        Paragraph(SECRECY, styles["Normal"]),
        Spacer(1, 4 * mm),
        Paragraph(
            f"Namn: {e(person.first_name)} {e(person.last_name)}<br/>"
            f"Personnummer: {e(person.identity_number)}",
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
        Paragraph("Jag samtycker till att följande uppgifter lämnas (kryssa):", styles["Normal"]),
        Table([["[   ]", KIND_WORDS[kind]] for kind in InformationKind], hAlign="LEFT"),
        Spacer(1, 4 * mm),
        Paragraph(
            f"Samtycket gäller från {valid_from.isoformat()} till och med {valid_to.isoformat()}.",
            styles["Normal"],
        ),
        Paragraph(WITHDRAWAL, styles["Normal"]),
        Spacer(1, 12 * mm),
        Table(
            [
                ["Ort och datum", "_" * 40],
                ["Underskrift", "_" * 40],
                ["Namnförtydligande", "_" * 40],
            ],
            hAlign="LEFT",
            rowHeights=[12 * mm] * 3,
        ),
    ]
    return letter_pdf(title=f"Samtycke {organisation.name}", story=story)


def disclosure_printout_pdf(
    *, information: SharedInformation, organisation: PartnerOrganisation, made_on: date
) -> bytes:
    """The consented information about a person as given to the organisation: nothing else."""
    styles = getSampleStyleSheet()
    e = escape_markup
    labels = dict(InformationKindChoices.choices)
    with translation.override("sv"):
        person = information.person
        story: list[Flowable] = [
            Paragraph(f"Uppgifter till {e(organisation.name)}", styles["Title"]),
            Paragraph(
                f"Lämnade {made_on.isoformat()} med den enskildes samtycke (offentlighets- och "
                "sekretesslagen 12 kap. 2 §). Endast de slag av uppgifter som samtycket omfattar "
                "finns med.",
                styles["Normal"],
            ),
            Paragraph(
                "Omfattar: "
                + ", ".join(
                    str(labels[k.value]) for k in InformationKind if k in information.kinds
                ),
                styles["Normal"],
            ),
        ]
        if information.identity is not None:
            story += [
                Paragraph(KIND_WORDS[InformationKind.IDENTITY], styles["Heading2"]),
                Paragraph(
                    f"{e(person.first_name)} {e(person.last_name)}, {e(person.identity_number)}"
                    f"<br/>{e(_address(person))}<br/>Ärende {e(information.household.case_number)}",
                    styles["Normal"],
                ),
            ]
        if InformationKind.PLAN in information.kinds:
            story.append(Paragraph(KIND_WORDS[InformationKind.PLAN], styles["Heading2"]))
            plan = information.plan
            if plan is None:
                story.append(Paragraph("Ingen handlingsplan.", styles["Normal"]))
            else:
                story.append(
                    Paragraph(
                        f"Mål: {e(plan.get_goal_display())}. {e(plan.goal_text)}", styles["Normal"]
                    )
                )
                story += [
                    Paragraph(
                        f"• {e(step.description)}"
                        + (f" (senast {step.due_on.isoformat()})" if step.due_on else ""),
                        styles["Normal"],
                    )
                    for step in plan.steps.all()
                ]
            af = information.af_status
            if af is not None:
                registered = "inskriven" if af.registered else "inte inskriven"
                since = f" sedan {af.registered_since.isoformat()}" if af.registered_since else ""
                story.append(
                    Paragraph(
                        f"Arbetsförmedlingen: {registered}{since}. {e(af.programme)}",
                        styles["Normal"],
                    )
                )
        if information.decisions is not None:
            story.append(Paragraph(KIND_WORDS[InformationKind.ECONOMY], styles["Heading2"]))
            story += [
                Paragraph(
                    f"{e(d.month)}: {e(d.get_outcome_display())}, {d.amount} kr", styles["Normal"]
                )
                for d in information.decisions
            ] or [Paragraph("Inga beslut.", styles["Normal"])]
        if information.abilities is not None:
            story.append(Paragraph(KIND_WORDS[InformationKind.HEALTH], styles["Heading2"]))
            story += [
                Paragraph(
                    f"{a.assessed_on.isoformat()}: "
                    + ("kan delta" if a.able_to_participate else "kan inte delta")
                    + (f" ({e(a.get_reason_display())})" if a.reason else ""),
                    styles["Normal"],
                )
                for a in information.abilities
            ] or [Paragraph("Ingen bedömning.", styles["Normal"])]
        return letter_pdf(title=f"Uppgifter till {organisation.name}", story=story)
