"""FHIR R4 import and export against the real database (docs/fhir.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fhir_examples import ETELA, spec_bundle, with_entry
from graph_dump import dump, nodes

from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.errors import ImportFailed
from graphsvc.fhir.exchange import export_fhir, import_files
from graphsvc.importing import load_records

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    "bundle", [False, True], ids=["as Bulk Data NDJSON", "as a collection Bundle"]
)
async def test_the_demo_region_through_fhir_into_an_empty_database_is_the_same_graph(
    db: Database, tmp_path: Path, bundle: bool
) -> None:
    await load_demo(db)
    original = await dump(db)
    report = await export_fhir(db, tmp_path, region="reg-jarvimaa", bundle=bundle)
    await db.run_auto_commit("admin", "delete-everything")
    files = sorted(tmp_path.glob("*.ndjson")) if not bundle else [tmp_path / "bundle.json"]
    await import_files(db, files)
    assert await dump(db) == original
    assert report.resources["Patient"] == sum(1 for key in original[0] if key[0] == "Client")


def reverse_lines(paths: list[Path]) -> list[Path]:
    """The files in reverse order, each with its lines reversed: children before their
    parent organisations, goals before their plans, Practitioners before their roles."""
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    return sorted(paths, reverse=True)


async def test_a_bulk_set_too_large_for_one_transaction_is_written_in_batches_into_the_same_graph(
    db: Database, tmp_path: Path
) -> None:
    # The demo region: 30 organisations up to four deep, 464 records; ten records a
    # transaction, so parents and children fall into different transactions.
    await load_demo(db)
    original = await dump(db)
    await export_fhir(db, tmp_path, region="reg-jarvimaa")
    await db.run_auto_commit("admin", "delete-everything")
    files = reverse_lines(sorted(tmp_path.glob("*.ndjson")))
    [report] = await import_files(db, files, batch_records=10)
    assert await dump(db) == original
    assert report.load.batches == -(-report.load.total // 10)
    [again] = await import_files(db, files, batch_records=10)
    assert (again.load.nodes_added, again.load.relationships_added) == (0, 0)


async def test_a_bulk_set_is_checked_whole_before_its_first_batch_is_written(
    db: Database, tmp_path: Path
) -> None:
    await load_demo(db)
    await export_fhir(db, tmp_path, region="reg-jarvimaa")
    await db.run_auto_commit("admin", "delete-everything")
    episodes = tmp_path / "EpisodeOfCare.ndjson"
    lines = episodes.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    last["period"] = {"start": "2026-03-01", "end": "2026-02-01"}
    episodes.write_text("\n".join([*lines[:-1], json.dumps(last)]) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        await import_files(db, sorted(tmp_path.glob("*.ndjson")), batch_records=10)
    assert failure.value.problems == [
        f"{episodes} line {len(lines)} (EpisodeOfCare/{last['id']}, episode {last['id']}): "
        "field end: 2026-02-01 is before start 2026-03-01"
    ]
    assert "nothing of it was written" in failure.value.message
    assert await nodes(db) == {}


@pytest.mark.parametrize(
    "bundle", [False, True], ids=["as Bulk Data NDJSON", "as a collection Bundle"]
)
async def test_region_settings_family_scope_and_contact_flag_survive_fhir(
    db: Database, tmp_path: Path, bundle: bool
) -> None:
    await load_records(db, ETELA)
    original = await dump(db)
    await export_fhir(db, tmp_path, region="reg-etela", bundle=bundle)
    await db.run_auto_commit("admin", "delete-everything")
    files = sorted(tmp_path.glob("*.ndjson")) if not bundle else [tmp_path / "bundle.json"]
    await import_files(db, files)
    nodes, relationships = await dump(db)
    assert (nodes, relationships) == original
    assert json.loads(nodes[("Region", "reg-etela")]["settings"]) == ETELA[0]["settings"]
    assert nodes[("Responsibility", "res-perhetyo")]["contact"] is False
    assert nodes[("Responsibility", "res-aino")]["contact"] is True
    fors = {(a[1], b) for a, kind, _, b in relationships if kind == "FOR"}
    assert fors == {("res-perhetyo", ("Family", "fam-etela")), ("res-aino", ("Client", "cli-aino"))}


def write(tmp_path: Path, document: dict[str, Any], name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


async def test_a_transaction_bundle_from_the_specification_examples_imports_into_the_expected_graph(
    db: Database, tmp_path: Path
) -> None:
    await import_files(db, [write(tmp_path, spec_bundle())])
    nodes, relationships = await dump(db)
    client = nodes[("Client", "example")]
    assert client["name"] == "Peter James Chalmers"
    assert client["birth_date"] == "1974-12-25"
    assert client["municipality"] == "PleasantVille"
    assert nodes[("Professional", "example")]["name"] == "Adam Careful"
    assert nodes[("Professional", "example")]["profession"] == "Doctor"
    episode = nodes[("Episode", "example")]
    assert (episode["status"], episode["start"], episode["end"]) == (
        "ended",
        "2014-09-01",
        "2014-09-30",
    )
    assert nodes[("Responsibility", "example")]["role"] == "coordinator"
    handoff = nodes[("Handoff", "example1")]
    assert (handoff["status"], handoff["requested"]) == ("requested", "2016-10-31")
    links = {(a[1], kind, props, b[1]) for a, kind, props, b in relationships}
    assert ("example", "MEMBER_OF", '{"role": "parent"}', "example-family") in links
    assert (
        "example",
        "WORKS_IN",
        '{"valid_from": "2012-01-01", "valid_to": "2012-03-31"}',
        "f001",
    ) in links
    assert ("f001", "PART_OF", "{}", "hl7") in links
    assert ("example", "OF_SERVICE", "{}", "example") in links
    assert ("example1", "FROM_ORG", "{}", "f001") in links
    assert ("example1", "TO_ORG", "{}", "hl7") in links


async def test_importing_the_same_bundle_again_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, spec_bundle())
    await import_files(db, [path])
    before = await dump(db)
    [again] = await import_files(db, [path])
    assert await dump(db) == before
    assert (again.load.nodes_added, again.load.relationships_added) == (0, 0)


def _entry(bundle: dict[str, Any], kind: str, ident: str) -> dict[str, Any]:
    return next(
        e["resource"]
        for e in bundle["entry"]
        if (e["resource"]["resourceType"], e["resource"]["id"]) == (kind, ident)
    )


def unknown_type(b: dict[str, Any]) -> dict[str, Any]:
    return with_entry(b, {"resourceType": "Observation", "id": "bp", "status": "final"})


def broken_reference(b: dict[str, Any]) -> dict[str, Any]:
    _entry(b, "EpisodeOfCare", "example")["patient"] = {"reference": "Patient/nobody"}
    return b


def wrong_code(b: dict[str, Any]) -> dict[str, Any]:
    _entry(b, "Organization", "hl7")["type"][0]["coding"][0]["code"] = "castle"
    return b


def missing_fhir_element(b: dict[str, Any]) -> dict[str, Any]:
    del _entry(b, "Task", "example1")["status"]
    return b


def missing_graphsvc_element(b: dict[str, Any]) -> dict[str, Any]:
    del _entry(b, "Patient", "example")["birthDate"]
    return b


def fails_half_way(b: dict[str, Any]) -> dict[str, Any]:
    # Entries 0-7 are good; the episode (entry 8) ends before it starts.
    _entry(b, "EpisodeOfCare", "example")["period"] = {"start": "2014-09-30", "end": "2014-09-01"}
    return b


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (
            unknown_type,
            "in.json entry 11 (Observation/bp): unknown resource type 'Observation'",
        ),
        (
            broken_reference,
            "in.json entry 8 (EpisodeOfCare/example): field EpisodeOfCare.patient: "
            "no client with id 'nobody' in the input or the database",
        ),
        (
            wrong_code,
            "in.json entry 1 (Organization/hl7): field Organization.type[0].coding[0].code: "
            "'castle' is not a code of https://graphsvc.example/fhir/CodeSystem/organisation-kind",
        ),
        (
            missing_fhir_element,
            "in.json entry 10 (Task/example1): field Task.status: ",
        ),
        (
            missing_graphsvc_element,
            "in.json entry 3 (Patient/example): field Patient.birthDate: is required",
        ),
        (
            fails_half_way,
            "in.json entry 8 (EpisodeOfCare/example, episode example): field end: "
            "2014-09-01 is before start 2014-09-30",
        ),
    ],
    ids=[
        "an unknown resource type",
        "a broken reference",
        "a wrong code",
        "a missing element FHIR requires",
        "a missing element graphsvc requires",
        "an entry failing half way",
    ],
)
async def test_bad_fhir_input_is_named_precisely_and_nothing_is_written(
    db: Database, tmp_path: Path, spoil: Any, expected: str
) -> None:
    with pytest.raises(ImportFailed) as failure:
        await import_files(db, [write(tmp_path, spoil(spec_bundle()))])
    assert any(
        problem.startswith(f"{tmp_path}/{expected}") for problem in failure.value.problems
    ), failure.value.problems
    assert "nothing of it was written" in failure.value.message
    assert await nodes(db) == {}


async def test_a_bad_ndjson_line_is_named_by_file_and_line(db: Database, tmp_path: Path) -> None:
    good = _entry(spec_bundle(), "Organization", "reg-example")
    path = tmp_path / "Organization.ndjson"
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        await import_files(db, [path])
    assert failure.value.problems[0].startswith(f"{path} line 2: is not valid JSON")
    assert await nodes(db) == {}
