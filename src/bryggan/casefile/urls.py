from django.urls import URLPattern, path

from bryggan.casefile import (
    views,  # noqa: F401
    views_documents,
)

app_name = "casefile"
urlpatterns: list[URLPattern] = [
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
        "arenden/<int:household_id>/handlingar/<int:document_id>/fil/",
        views_documents.document_download,
        name="document_download",
    ),
    path(
        "arenden/<int:household_id>/handlingar/<int:document_id>/felregistrerad/",
        views_documents.document_mark_in_error_view,
        name="document_mark_in_error",
    ),
]
