"""Place findings say what kind of place they name and whose id they carry."""

from __future__ import annotations

from newsift.analyzers.places.gazetteer import SYNTHETIC_ID_START, Place
from newsift.model import Finding
from newsift.render import prose


def place(geonameid: int, kind: str) -> Place:
    return Place(geonameid, "Kherson", kind, "UA", "08", "Kherson", 46.7, 33.5, 1_000)  # type: ignore[arg-type]


def test_a_resolution_names_its_type_and_the_issuer_of_its_id() -> None:
    assert place(706448, "city").to_dict()["id_source"] == "geonames"
    own = place(SYNTHETIC_ID_START + 2996, "admin1").to_dict()
    assert (own["id_source"], own["type"]) == ("newsift", "admin1")


def test_the_report_never_calls_newsift_s_own_id_a_geonames_id() -> None:
    def rows(p: Place) -> str:
        finding = Finding(
            "place", "resolved", 0, 7, "Kherson", 1.0, "places", {}, {"resolution": p.to_dict()}
        )
        return dict(prose.finding_rows(finding, {}))["Place"]

    assert rows(place(706448, "city")).endswith("— town or city, GeoNames 706448")
    region = rows(place(SYNTHETIC_ID_START + 2996, "admin1"))
    assert "— region, newsift id 4000002996" in region and "GeoNames" not in region
