"""A transaction Bundle written by hand from the FHIR R4 specification's examples.

The people, organisations and dates are those of the spec's example resources
(Patient "example" Peter James Chalmers, Organization "hl7", Practitioner
"example" Adam Careful, EpisodeOfCare "example", Task "example1", ...), with
graphsvc's codes and extensions (docs/fhir.md) where the examples use others.
"""

from __future__ import annotations

import copy
from typing import Any

BASE = "https://graphsvc.example/fhir"
CS = f"{BASE}/CodeSystem"
EXT = f"{BASE}/StructureDefinition"


def _put(resource: dict[str, Any], full_url: str | None = None) -> dict[str, Any]:
    return {
        "fullUrl": full_url
        or f"http://example.org/fhir/{resource['resourceType']}/{resource['id']}",
        "resource": resource,
        "request": {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"},
    }


def spec_bundle() -> dict[str, Any]:
    region = {"url": f"{EXT}/region", "valueReference": {"reference": "Organization/reg-example"}}
    entries = [
        _put(
            {
                "resourceType": "Organization",
                "id": "reg-example",
                "name": "Example region",
                "type": [{"coding": [{"system": f"{CS}/organisation-kind", "code": "region"}]}],
            }
        ),
        _put(
            {
                "resourceType": "Organization",
                "id": "hl7",
                "extension": [region],
                "name": "Health Level Seven International",
                "type": [{"coding": [{"system": f"{CS}/organisation-kind", "code": "ngo"}]}],
            }
        ),
        _put(
            {
                "resourceType": "Organization",
                "id": "f001",
                "extension": [region],
                "name": "Burgers University Medical Center",
                "type": [{"coding": [{"system": f"{CS}/organisation-kind", "code": "hospital"}]}],
                "partOf": {"reference": "Organization/hl7"},
            }
        ),
        _put(
            {
                "resourceType": "Patient",
                "id": "example",
                "extension": [region],
                "name": [{"use": "official", "family": "Chalmers", "given": ["Peter", "James"]}],
                "gender": "male",
                "birthDate": "1974-12-25",
                "address": [{"line": ["534 Erewhon St"], "city": "PleasantVille"}],
            },
            "urn:uuid:a7e9c2a8-8a5d-4a4b-9e61-0f6c2b1d3e01",
        ),
        _put(
            {
                "resourceType": "Group",
                "id": "example-family",
                "type": "person",
                "actual": True,
                "name": "Chalmers family",
                "member": [
                    {
                        "extension": [
                            {
                                "url": f"{EXT}/family-role",
                                "valueCoding": {"system": f"{CS}/family-role", "code": "parent"},
                            }
                        ],
                        # A reference by the entry's fullUrl, as transactions do.
                        "entity": {"reference": "urn:uuid:a7e9c2a8-8a5d-4a4b-9e61-0f6c2b1d3e01"},
                    }
                ],
            }
        ),
        _put(
            {
                "resourceType": "Practitioner",
                "id": "example",
                "name": [{"family": "Careful", "given": ["Adam"], "prefix": ["Dr"]}],
            }
        ),
        _put(
            {
                "resourceType": "PractitionerRole",
                "id": "example",
                "active": True,
                "period": {"start": "2012-01-01", "end": "2012-03-31"},
                "practitioner": {"reference": "Practitioner/example"},
                "organization": {"reference": "Organization/f001"},
                "code": [{"text": "Doctor"}],
            }
        ),
        _put(
            {
                "resourceType": "HealthcareService",
                "id": "example",
                "providedBy": {"reference": "Organization/f001"},
                "category": [{"coding": [{"system": f"{CS}/sector", "code": "health"}]}],
                # the specification's text, with graphsvc's code beside it
                "type": [
                    {
                        "coding": [
                            {"system": f"{CS}/service-kind", "code": "mental_health_outpatient"}
                        ],
                        "text": "Counselling",
                    }
                ],
                "name": "Consulting psychologists and/or psychology services",
                "characteristic": [
                    {"coding": [{"system": f"{CS}/service-level", "code": "special"}]}
                ],
            }
        ),
        _put(
            {
                "resourceType": "EpisodeOfCare",
                "id": "example",
                "extension": [
                    {
                        "url": f"{EXT}/service",
                        "valueReference": {"reference": "HealthcareService/example"},
                    }
                ],
                "status": "finished",
                "patient": {"reference": "Patient/example"},
                "managingOrganization": {"reference": "Organization/f001"},
                "period": {"start": "2014-09-01", "end": "2014-09-30"},
            }
        ),
        _put(
            {
                "resourceType": "CareTeam",
                "id": "example",
                "status": "active",
                "subject": {"reference": "Patient/example"},
                "participant": [
                    {
                        "role": [{"coding": [{"system": f"{CS}/role", "code": "coordinator"}]}],
                        "member": {"reference": "Practitioner/example"},
                        "period": {"start": "2013-01-01"},
                    }
                ],
            }
        ),
        _put(
            {
                "resourceType": "Task",
                "id": "example1",
                "status": "requested",
                "intent": "order",
                "for": {"reference": "Patient/example"},
                "authoredOn": "2016-10-31T08:25:05+10:00",
                "requester": {"reference": "Organization/f001"},
                "owner": {"reference": "Organization/hl7"},
            }
        ),
    ]
    return {
        "resourceType": "Bundle",
        "id": "bundle-transaction",
        "type": "transaction",
        "entry": entries,
    }


def with_entry(bundle: dict[str, Any], resource: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(bundle)
    changed["entry"].append(_put(resource))
    return changed


# A region using what the model gained after the first mapping: stored gap settings,
# a responsibility scoped to a family, and the contact flag both ways.
ETELA = [
    {
        "type": "region",
        "id": "reg-etela",
        "name": "Etelä",
        "settings": {
            "youth_psychiatry_upper_age": 22,
            "horizon_days_by_kind": {"daycare_to_school": 240},
            "caseload_threshold_by_profession": {"sosiaalityöntekijä": 25},
        },
    },
    {
        "type": "organisation",
        "id": "org-etela",
        "name": "Etelän hyvinvointialue",
        "kind": "wellbeing_county",
        "region": "reg-etela",
    },
    {
        "type": "professional",
        "id": "pro-sirpa",
        "name": "Sirpa Sosiaalityöntekijä",
        "profession": "sosiaalityöntekijä",
        "organisation": "org-etela",
    },
    {"type": "family", "id": "fam-etela", "name": "Etelän perhe"},
    {
        "type": "client",
        "id": "cli-aino",
        "name": "Aino",
        "birth_date": "2016-02-03",
        "region": "reg-etela",
        "family": "fam-etela",
        "family_role": "child",
    },
    {
        "type": "client",
        "id": "cli-eeva",
        "name": "Eeva",
        "birth_date": "1988-07-09",
        "region": "reg-etela",
        "family": "fam-etela",
        "family_role": "parent",
    },
    {  # the family's worker: scoped to the family, and not the contact
        "type": "responsibility",
        "id": "res-perhetyo",
        "professional": "pro-sirpa",
        "role": "responsible_worker",
        "family": "fam-etela",
        "valid_from": "2025-01-02",
        "contact": False,
    },
    {
        "type": "responsibility",
        "id": "res-aino",
        "professional": "pro-sirpa",
        "role": "own_worker",
        "client": "cli-aino",
        "valid_from": "2025-01-02",
        "contact": True,
    },
]
