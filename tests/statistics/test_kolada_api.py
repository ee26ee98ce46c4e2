"""Kolada's API client and `bryggan kolada`, on recorded responses: these tests never go online.

The responses in `kolada_responses/` are constructed from Kolada's API documentation, not captured
from api.kolada.se, and their figures are invented (see `kolada_responses/README.md`). Every test
injects a `fetch` that serves those files by URL, or raises what urllib raises when offline.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest

from bryggan.commands.kolada import main
from bryggan.statistics.kolada import MeasureValue, kolada_read
from bryggan.statistics.kolada_api import (
    BASE_URL,
    NO_NETWORK,
    Fetch,
    KoladaMeasure,
    KoladaResponseError,
    KoladaUnavailable,
    data_urls,
    kolada_fetch,
    measure_catalogue,
    urlopen_fetch,
)

RESPONSES = Path(__file__).parent / "kolada_responses"
RECIPIENTS = KoladaMeasure("recipients_pct", "N31807", "Invånare … ekonomiskt bistånd", "test")
URL_2012 = f"{BASE_URL}/data/kpi/N31807/year/2012"
PAGE_2 = f"{URL_2012}?page=2&per_page=3"
TWO_PAGES = {URL_2012: "recipients_2012_page1.json", PAGE_2: "recipients_2012_page2.json"}
OFFLINE_LINE = (
    "Kolada cannot be reached (no network): [Errno -3] Temporary failure in name resolution; "
    "use a saved file with bryggan benchmark --values FILE\n"
)
# The nine measure keys of shared/data/README.md (and data/README.md's seed table).
README_MEASURES = {
    "long_term_pct",
    "very_long_term_pct",
    "recipients_pct",
    "young_adults_pct",
    "cost_per_inhabitant",
    "low_education_pct",
    "foreign_born_0_5_years_pct",
    "foreign_born_6_10_years_pct",
    "aged_18_24_pct",
}


class Recorded:
    """A fetch serving recorded files by URL; it remembers the URLs asked for."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.urls: list[str] = []

    def __call__(self, url: str, timeout: float) -> bytes:
        self.urls.append(url)
        assert timeout > 0
        return (RESPONSES / self.files[url]).read_bytes()


def offline(error: BaseException, after: dict[str, str] | None = None) -> Fetch:
    """A fetch that serves `after` and raises `error` for any other URL."""
    served = Recorded(after or {})

    def fetch(url: str, timeout: float) -> bytes:
        if url in served.files:
            return served(url, timeout)
        raise error

    return fetch


DNS_FAILURE = urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The standard library's urlopen fails the test: nothing here may go online."""

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail("a test tried to go online")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def _values(name: str) -> list[MeasureValue]:
    return list(kolada_fetch([RECIPIENTS], year=2012, fetch=Recorded({URL_2012: name})).values)


def test_the_request_for_every_municipality_names_only_kpi_and_year() -> None:
    assert data_urls("N31807", 2024) == ["https://api.kolada.se/v3/data/kpi/N31807/year/2024"]


def test_named_municipalities_are_sent_in_batches_of_at_most_25() -> None:
    codes = [f"{number:04d}" for number in range(1, 31)]
    urls = data_urls("N31807", 2024, codes)
    assert urls == [
        f"{BASE_URL}/data/kpi/N31807/municipality/{','.join(codes[:25])}/year/2024",
        f"{BASE_URL}/data/kpi/N31807/municipality/{','.join(codes[25:])}/year/2024",
    ]


def test_the_next_url_is_followed_to_the_second_page() -> None:
    fetch = Recorded(TWO_PAGES)
    result = kolada_fetch([RECIPIENTS], year=2012, fetch=fetch)
    assert fetch.urls == [URL_2012, PAGE_2]
    assert [value.municipality for value in result.values] == [
        "0000",
        "0136",
        "0180",
        "1280",
        "2584",
    ]


def test_version_2s_next_page_is_followed_too() -> None:
    page_2 = f"{URL_2012}?page=2&per_page=1"
    fetch = Recorded({URL_2012: "next_page_v2_page1.json", page_2: "next_page_v2_page2.json"})
    result = kolada_fetch([RECIPIENTS], year=2012, fetch=fetch)
    assert fetch.urls == [URL_2012, page_2]
    assert [(v.municipality, v.value) for v in result.values] == [
        ("0180", Decimal("3.1")),
        ("1280", Decimal("9.7")),
    ]


def test_values_keep_kolada_s_digits_and_integers_become_decimals() -> None:
    result = kolada_fetch([RECIPIENTS], year=2012, fetch=Recorded(TWO_PAGES))
    by_code = {value.municipality: value.value for value in result.values}
    assert by_code["0136"] == Decimal("5.12345")
    assert by_code["0180"] == Decimal(3)
    assert all(value.measure == "recipients_pct" and value.year == 2012 for value in result.values)


def test_null_values_are_left_out_even_when_women_and_men_have_one() -> None:
    assert _values("null_values.json") == [
        MeasureValue("1280", 2012, "recipients_pct", Decimal("9.7"))
    ]


def test_the_total_is_taken_from_a_kpi_divided_by_gender() -> None:
    assert _values("gender_split.json") == [
        MeasureValue("1984", 2012, "recipients_pct", Decimal("2.0"))
    ]


def test_the_whole_country_is_kept_with_its_total() -> None:
    result = kolada_fetch([RECIPIENTS], year=2012, fetch=Recorded(TWO_PAGES))
    assert result.values[0] == MeasureValue("0000", 2012, "recipients_pct", Decimal("4.4"))


def test_regions_groups_and_unknown_codes_are_left_out_and_reported() -> None:
    result = kolada_fetch([RECIPIENTS], year=2012, fetch=Recorded({URL_2012: "unknown_codes.json"}))
    assert [value.municipality for value in result.values] == ["1280"]
    assert result.skipped_codes == ("0020", "9999", "G12345")


def test_a_measure_with_no_figures_for_the_year_is_reported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def nothing_yet(url: str, timeout: float) -> bytes:
        return b'{"values": [], "count": 0}'

    result = kolada_fetch([RECIPIENTS], year=2012, fetch=nothing_yet)
    assert result.values == ()
    assert result.measures_without_values == ("recipients_pct",)
    assert main(["--year", "2012"], fetch=nothing_yet) == 0
    captured = capsys.readouterr()
    assert captured.out == "municipality,year,measure,value\n"
    assert captured.err == "bryggan kolada: no figures for recipients_pct in 2012 in Kolada yet\n"


@pytest.mark.parametrize(
    "error",
    [
        DNS_FAILURE,
        urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
        TimeoutError("timed out"),
        ConnectionResetError(104, "Connection reset by peer"),
    ],
    ids=["dns", "refused", "timeout", "reset"],
)
def test_no_network_raises_kolada_unavailable(error: BaseException) -> None:
    with pytest.raises(KoladaUnavailable) as raised:
        kolada_fetch([RECIPIENTS], year=2012, fetch=offline(error))
    assert raised.value.message.startswith("Kolada cannot be reached (no network): ")
    assert raised.value.message.endswith("; use a saved file with bryggan benchmark --values FILE")


def test_an_http_error_is_a_response_error_not_a_network_failure() -> None:
    gone = urllib.error.HTTPError(URL_2012, 410, "Gone", {}, None)  # type: ignore[arg-type]
    with pytest.raises(KoladaResponseError, match="HTTP 410 Gone"):
        kolada_fetch([RECIPIENTS], year=2012, fetch=offline(gone))


def test_a_next_page_outside_kolada_is_not_followed() -> None:
    def fetch(url: str, timeout: float) -> bytes:
        return b'{"values": [], "count": 0, "next_url": "https://example.org/steal"}'

    with pytest.raises(KoladaResponseError, match="not a Kolada API address"):
        kolada_fetch([RECIPIENTS], year=2012, fetch=fetch)


def test_pages_that_point_back_to_themselves_stop_with_an_error() -> None:
    def fetch(url: str, timeout: float) -> bytes:
        return f'{{"values": [], "count": 0, "next_url": "{URL_2012}"}}'.encode()

    with pytest.raises(KoladaResponseError, match="do not end"):
        kolada_fetch([RECIPIENTS], year=2012, fetch=fetch)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>busy</html>", "not JSON"),
        (b'{"count": 0}', "no list of values"),
        (b'{"values": [{"kpi": "N00001", "municipality": "0180", "period": 2012}]}', "kpi"),
        (
            b'{"values": [{"kpi": "N31807", "municipality": "0180", "period": 2011,'
            b' "values": []}]}',
            "period",
        ),
        (
            b'{"values": [{"kpi": "N31807", "municipality": "0180", "period": 2012,'
            b' "values": [{"gender": "T", "value": "3,1"}]}]}',
            "not a number",
        ),
        (
            b'{"values": [{"kpi": "N31807", "municipality": "0180", "period": 2012,'
            b' "values": [{"gender": "T", "value": NaN}]}]}',
            "not JSON",
        ),
    ],
    ids=["html", "no-values", "other-kpi", "other-year", "text-value", "nan"],
)
def test_an_answer_not_in_kolada_s_format_is_a_response_error(body: bytes, message: str) -> None:
    with pytest.raises(KoladaResponseError, match=message):
        kolada_fetch([RECIPIENTS], year=2012, fetch=lambda url, timeout: body)


def test_the_shipped_measure_file_maps_only_known_measures_each_with_a_source() -> None:
    catalogue = measure_catalogue()
    mapped = {measure.key for measure in catalogue.measures}
    assert mapped | set(catalogue.unverified) == README_MEASURES
    assert not mapped & set(catalogue.unverified)
    assert catalogue.get("recipients_pct") == KoladaMeasure(
        "recipients_pct",
        "N31807",
        "Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef.",
        catalogue.measures[0].source,
    )
    assert all(measure.source.strip() for measure in catalogue.measures)


# The command, through main() with an injected fetch.


def test_the_command_writes_the_long_kolada_format(tmp_path: Path) -> None:
    out = tmp_path / "kolada_2012.csv"
    assert main(["--year", "2012", "--out", str(out)], fetch=Recorded(TWO_PAGES)) == 0
    assert out.read_text(encoding="utf-8") == (
        "municipality,year,measure,value\n"
        "0000,2012,recipients_pct,4.4\n"
        "0136,2012,recipients_pct,5.12345\n"
        "0180,2012,recipients_pct,3\n"
        "1280,2012,recipients_pct,9.7\n"
        "2584,2012,recipients_pct,2.05\n"
    )


def test_the_file_written_is_read_back_by_the_benchmark_reader(tmp_path: Path) -> None:
    out = tmp_path / "values.csv"
    fetch = Recorded(TWO_PAGES)
    argv = ["--year", "2012", "--measures", "recipients_pct", "--out", str(out)]
    assert main(argv, fetch=fetch) == 0
    expected = kolada_fetch([RECIPIENTS], year=2012, fetch=Recorded(TWO_PAGES)).values
    assert kolada_read(out) == list(expected)


def test_without_out_the_table_goes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--year", "2012"], fetch=Recorded({URL_2012: "gender_split.json"})) == 0
    captured = capsys.readouterr()
    assert captured.out == "municipality,year,measure,value\n1984,2012,recipients_pct,2.0\n"
    assert captured.err == ""


def test_named_municipalities_are_asked_for_by_code(tmp_path: Path) -> None:
    url = f"{BASE_URL}/data/kpi/N31807/municipality/0180,1280/year/2012"
    fetch = Recorded({url: "next_page_v2_page2.json"})
    assert main(["--year", "2012", "--municipalities", "0180,1280"], fetch=fetch) == 0
    assert fetch.urls == [url]


def test_offline_the_command_exits_3_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "values.csv"
    assert main(["--year", "2012", "--out", str(out)], fetch=offline(DNS_FAILURE)) == 3
    captured = capsys.readouterr()
    assert captured.err == OFFLINE_LINE
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_losing_the_network_after_the_first_page_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "values.csv"
    fetch = offline(TimeoutError("timed out"), after={URL_2012: TWO_PAGES[URL_2012]})
    assert main(["--year", "2012", "--out", str(out)], fetch=fetch) == 3
    assert list(tmp_path.iterdir()) == []


def test_the_default_fetch_turns_a_dns_failure_into_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[str] = []

    def no_dns(request: urllib.request.Request, timeout: float) -> None:
        asked.append(request.full_url)
        raise DNS_FAILURE

    monkeypatch.setattr(urllib.request, "urlopen", no_dns)
    assert main(["--year", "2012"]) == 3
    assert asked == [URL_2012]
    assert capsys.readouterr().err == OFFLINE_LINE


def test_the_default_fetch_asks_only_kolada() -> None:
    with pytest.raises(KoladaResponseError, match="not a Kolada API address"):
        urlopen_fetch("http://api.kolada.se.example.org/v3/data", 1.0)


def test_an_old_file_is_left_as_it_was_when_kolada_cannot_be_reached(tmp_path: Path) -> None:
    out = tmp_path / "values.csv"
    out.write_text("municipality,year,measure,value\n", encoding="utf-8")
    assert main(["--year", "2012", "--out", str(out)], fetch=offline(DNS_FAILURE)) == 3
    assert out.read_text(encoding="utf-8") == "municipality,year,measure,value\n"
    assert list(tmp_path.iterdir()) == [out]


def test_an_http_error_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gone = urllib.error.HTTPError(URL_2012, 410, "Gone", {}, None)  # type: ignore[arg-type]
    out = tmp_path / "values.csv"
    assert main(["--year", "2012", "--out", str(out)], fetch=offline(gone)) == 1
    assert capsys.readouterr().err.startswith("Kolada answered with an error: ")
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: --year"),
        (["--year", "twelve"], "--year: not a year: 'twelve'"),
        (["--year", "2012", "--measures", "long_term_pct"], "long_term_pct has no verified"),
        (["--year", "2012", "--measures", "cost"], "unknown measure 'cost'"),
        (["--year", "2012", "--measures", "recipients_pct,"], "an empty item"),
        (["--year", "2012", "--municipalities", "0020"], "not a Swedish municipality"),
        (["--year", "2012", "--municipalities", "0180,0180"], "an item given twice"),
        (["--year", "2012", "--out", "/no/such/folder/x.csv"], "--out: no such folder"),
        (["--year", "2012", "--colour"], "unrecognized arguments: --colour"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_no_request(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fetch = Recorded({})
    assert main(argv, fetch=fetch) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert fetch.urls == []


def test_the_offline_message_is_the_documented_one() -> None:
    assert NO_NETWORK.format(reason="x") == (
        "Kolada cannot be reached (no network): x; "
        "use a saved file with bryggan benchmark --values FILE"
    )
