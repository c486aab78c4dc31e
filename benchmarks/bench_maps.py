"""Maps: client map generation (target <= 50 ms up to 300 nodes) and the time until a
5,000-node regional map is drawn and answers in Debian's headless chromium (target <= 3 s).

Generation is timed on synthetic client graphs of 50-300 nodes (builder, and builder plus
the HTML page), and end to end from Neo4j on the demo region's busiest client (Cypher reads,
gap engine, drawing). The regional map is a synthetic region of 5,000 organisations in 100
service areas with 8,000 handoff flows, written to a file and opened in chromium: figures
are the page's own clock from navigation to the first drawn frame, and the time for the
next frame after a zoom (the map answering).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import bench_database, percentiles
from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.maps import MapKind, build_map
from visualise.builders import client_map, region_map
from visualise.graph import GapMark, MapGraph, new_graph

SIZES = (50, 150, 300)
RUNS = 40
REGION_NODES = 5000
REGION_FLOWS = 8000
LOADS = 3
DEMO_CLIENT = "cli-eetu-virtanen"
DEMO_DATE = dt.date(2026, 11, 22)
GAP = GapMark("no-coordinator", "high", "No coordinator", "Nobody coordinates.", "Name one.")


def client_graph(size: int, seed: int = 1) -> MapGraph:
    """A client with family, and episodes, organisations and professionals up to ``size`` nodes."""
    rng = random.Random(seed)
    g = new_graph(focus="c", title="Synthetic client")
    g.add_node("c", kind="client", label="Client", birth_date="2015-01-01", gaps=[GAP])
    g.add_node("fam", kind="family", label="Family")
    g.add_edge("c", "fam", kind="member_of")
    orgs = [f"o{i}" for i in range(max(2, size // 10))]
    for org in orgs:
        g.add_node(org, kind="organisation", label=org, org_kind="unit")
    i = 0
    while g.number_of_nodes() < size:
        episode, person = f"e{i}", f"p{i}"
        org = rng.choice(orgs)
        g.add_node(episode, kind="service", label=f"Service {i}", status="active", sector="health")
        g.add_edge("c", episode, kind="receives")
        g.add_edge(episode, org, kind="provided_by")
        if g.number_of_nodes() < size:
            g.add_node(person, kind="professional", label=f"Person {i}", roles=["own_worker"])
            g.add_edge(person, episode, kind="responsible_for", role="own_worker")
            g.add_edge(person, org, kind="works_in")
        if i and i % 5 == 0:
            g.add_edge(f"e{i - 1}", episode, kind="handoff", status="requested", gaps=[GAP])
        i += 1
    return g


def region_graph(nodes: int = REGION_NODES, flows: int = REGION_FLOWS, seed: int = 2) -> MapGraph:
    rng = random.Random(seed)
    g = new_graph(title="Synthetic region")
    areas = 100
    for n in range(nodes):
        g.add_node(f"o{n}", kind="organisation", label=f"Unit {n}", group=f"area{n % areas}")
    for _ in range(flows):
        source = rng.randrange(nodes)
        same_area = rng.random() < 0.8
        target = (
            (source + areas * rng.randrange(1, nodes // areas)) % nodes
            if same_area
            else rng.randrange(nodes)
        )
        if target != source:
            g.add_edge(f"o{source}", f"o{target}", kind="flow", count=rng.randint(1, 40))
    return g


def time_generation() -> None:
    for size in SIZES:
        graph = client_graph(size)
        build, page = [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            smap = client_map(graph, "fi")
            built = time.perf_counter()
            smap.render()
            build.append((built - started) * 1000)
            page.append((time.perf_counter() - started) * 1000)
        print(f"client map, {size} nodes: build {percentiles(build)}")
        print(f"client map, {size} nodes: build + HTML page {percentiles(page)}")


async def time_from_store() -> None:
    with bench_database() as settings:
        db = Database(settings)
        try:
            await load_demo(db)
            for _ in range(3):
                await build_map(db, MapKind.CLIENT, DEMO_CLIENT, as_of=DEMO_DATE)
            samples = []
            for _ in range(RUNS):
                started = time.perf_counter()
                smap = await build_map(db, MapKind.CLIENT, DEMO_CLIENT, as_of=DEMO_DATE)
                samples.append((time.perf_counter() - started) * 1000)
            print(
                f"client map from Neo4j with gaps ({DEMO_CLIENT}, {smap.num_nodes()} nodes): "
                f"{percentiles(samples)}"
            )
        finally:
            await db.close()


def time_region_in_chromium() -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    graph = region_graph()
    started = time.perf_counter()
    smap = region_map(graph, "en")
    html = smap.render()
    print(
        f"regional map, {smap.num_nodes()} nodes, {smap.num_edges()} edges: "
        f"layout and page {time.perf_counter() - started:.2f} s, {len(html) / 1e6:.1f} MB"
    )
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as home:
        page = Path(home) / "region.html"
        page.write_text(html, encoding="utf-8")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,1000",
            f"--user-data-dir={Path(home) / 'profile'}",
        ):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            first, answer = [], []
            for _ in range(LOADS):
                driver.get(page.as_uri())
                deadline = time.monotonic() + 60
                while not driver.execute_script("return window.graphsvcMap && graphsvcMap.ready"):
                    if time.monotonic() > deadline:
                        raise RuntimeError("the regional map was not drawn within 60 s")
                    time.sleep(0.02)
                first.append(driver.execute_script("return graphsvcMap.readyAt"))
                answer.append(
                    driver.execute_async_script(
                        """
                        const done = arguments[arguments.length - 1];
                        const net = graphsvcMap.network;
                        const t0 = performance.now();
                        net.once("afterDrawing", () => done(performance.now() - t0));
                        net.moveTo({scale: net.getScale() * 1.5});
                        """
                    )
                )
            first.sort()
            answer.sort()
            print(
                f"regional map in chromium: first frame after navigation "
                f"median {first[len(first) // 2] / 1000:.2f} s (of {LOADS} loads, "
                f"max {first[-1] / 1000:.2f} s); next frame after a zoom "
                f"median {answer[len(answer) // 2]:.0f} ms"
            )
        finally:
            driver.quit()


def run() -> None:
    time_generation()
    asyncio.run(time_from_store())
    time_region_in_chromium()
