"""What a browser would post from a page's form: shared by the load scenario (`locustfile.py`)
and the page-by-page measurement (`pages.py`), which must not import Locust (it patches threads
and sockets with gevent when imported)."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The fields a browser would send from each form with method post on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._in_form, self.fields = True, {}
            self.forms.append(self.fields)
        if not self._in_form:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
            elif kind not in {"submit", "button", "file"}:
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select:
            self.fields.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def form_fields(html: str) -> dict[str, str]:
    """The page's largest form with method post (not the sign-out button's)."""
    parser = _FormFields()
    parser.feed(html)
    return max(parser.forms, key=len, default={})
