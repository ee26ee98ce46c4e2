from django.urls import URLPattern, path

from bryggan.casefile import (
    views,  # noqa: F401
    views_assessment,
    views_kommunicering,
)

app_name = "casefile"
urlpatterns: list[URLPattern] = []

# Structured assessment and kommunicering.
KOMMUNICERING = "arenden/<int:household_id>/beslut/<int:decision_id>/kommunicering/"
urlpatterns += [
    path(
        "arenden/<int:household_id>/utredning/",
        views_assessment.assessment_detail,
        name="assessment_detail",
    ),
    path(
        "arenden/<int:household_id>/utredning/skriv/",
        views_assessment.assessment_edit,
        name="assessment_edit",
    ),
    path(
        "arenden/<int:household_id>/utredning/signera/",
        views_assessment.assessment_sign_view,
        name="assessment_sign",
    ),
    path(KOMMUNICERING, views_kommunicering.kommunicering_page, name="kommunicering"),
    path(
        f"{KOMMUNICERING}<int:kommunicering_id>/svar/",
        views_kommunicering.kommunicering_answer,
        name="kommunicering_answer",
    ),
    path(
        f"{KOMMUNICERING}<int:kommunicering_id>/brev.pdf",
        views_kommunicering.kommunicering_letter,
        name="kommunicering_letter",
    ),
]
