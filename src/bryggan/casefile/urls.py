from django.urls import URLPattern, path

from bryggan.casefile import (
    views,  # noqa: F401
    views_assessment,
    views_documents,
    views_journal,
    views_kommunicering,
    views_timeline,
)

app_name = "casefile"
urlpatterns: list[URLPattern] = [
    path("arenden/<int:household_id>/tidslinje/", views_timeline.timeline, name="timeline"),
]

JOURNAL = "arenden/<int:household_id>/journal/"
NOTE = f"{JOURNAL}<int:note_id>/"
urlpatterns += [
    path(JOURNAL, views_journal.journal_list, name="journal"),
    path(f"{JOURNAL}ny/", views_journal.journal_note_create_view, name="journal_note_create"),
    path(f"{JOURNAL}journal.pdf", views_journal.journal_letter, name="journal_letter"),
    path(NOTE, views_journal.journal_note_detail, name="journal_note_detail"),
    path(f"{NOTE}andra/", views_journal.journal_note_edit, name="journal_note_edit"),
    path(f"{NOTE}ta-bort/", views_journal.journal_note_delete_view, name="journal_note_delete"),
    path(f"{NOTE}signera/", views_journal.journal_note_sign_view, name="journal_note_sign"),
    path(f"{NOTE}ratta/", views_journal.journal_note_correct_view, name="journal_note_correct"),
    path(f"{NOTE}invandning/", views_journal.note_objection_create, name="note_objection_create"),
    path(
        "arenden/<int:household_id>/arendedragning/",
        views_journal.case_discussion_request_view,
        name="case_discussion_request",
    ),
    path("arendedragningar/", views_journal.case_discussion_list, name="case_discussion_list"),
    path(
        "arendedragningar/<int:discussion_id>/",
        views_journal.case_discussion_hold_view,
        name="case_discussion_hold",
    ),
    path(
        "arendedragningar/<int:discussion_id>/stall-in/",
        views_journal.case_discussion_cancel_view,
        name="case_discussion_cancel",
    ),
]

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

# Documents (handlingar).
urlpatterns += [
    path(
        "arenden/<int:household_id>/handlingar/",
        views_documents.documents_list,
        name="documents",
    ),
    path(
        "arenden/<int:household_id>/handlingar/ny/",
        views_documents.document_upload_view,
        name="document_upload",
    ),
    path(
        "arenden/<int:household_id>/handlingar/<int:document_id>/",
        views_documents.document_detail,
        name="document_detail",
    ),
    path(
        "arenden/<int:household_id>/handlingar/<int:document_id>/ladda-ned/",
        views_documents.document_download,
        name="document_download",
    ),
    path(
        "arenden/<int:household_id>/handlingar/<int:document_id>/felregistrerad/",
        views_documents.document_mark_in_error_view,
        name="document_mark_in_error",
    ),
]

from bryggan.casefile import views_requests  # noqa: E402

urlpatterns += [
    path(
        "arenden/<int:household_id>/begaran/",
        views_requests.document_requests_view,
        name="document_requests",
    ),
    path(
        "arenden/<int:household_id>/begaran/<int:request_id>/granskad/",
        views_requests.document_request_review_view,
        name="document_request_review",
    ),
    path(
        "arenden/<int:household_id>/ansokningar/<int:application_id>/preliminart-besked/",
        views_requests.preliminary_reply_view,
        name="preliminary_reply",
    ),
]
