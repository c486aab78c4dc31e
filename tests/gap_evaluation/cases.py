"""The evaluation set: small realistic cases with the outcome a coordinator expects.

Each case is written from the domain brief (``../shared/domain.md``) and the
seeds it cites, not from the rules: a story, the records a worker would
normally enter for it (service kinds as typed, own workers for the client,
plans often with no more than a review date), and for each client the gap
families a coordinator reading the brief would want raised, with the reasoning.
Everything is seen as of 2026-11-22.

Families: ``no_owner``, ``duplicated_roles``, ``missing_handoff``, ``signal``,
``data_quality``. A family not named for a client is expected to stay silent.
Caseloads are not evaluated here (they concern professionals, not clients).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.gap_evaluation.region import (
    Record,
    consent,
    family,
    goal,
    handoff,
    person,
    plan,
    role,
    service_use,
)

FAMILIES = ("no_owner", "duplicated_roles", "missing_handoff", "signal", "data_quality")


@dataclass(frozen=True)
class Case:
    name: str
    story: str
    reasoning: str
    expected: dict[str, set[str]]
    """Client id -> the families a coordinator expects raised for them."""
    records: list[Record] = field(default_factory=list)


def own(id: str, worker: str, client: str, start: str = "2025-01-01") -> Record:
    """The client's own worker (omatyöntekijä), as social welfare records it."""
    return role(id, worker, "own_worker", start, client=client)


PARTICIPATED = {"mode": "group_meeting", "client_participated": True}

CASES: list[Case] = [
    # --- no owner ------------------------------------------------------------------
    Case(
        "c01 child with special needs, four organisations, nobody named",
        "Eetu, 5, has speech therapy at the family centre, child neurology at the "
        "hospital, day care and an NGO peer group. Each service just runs.",
        "The seed's first case (000): several organisations and nobody coordinating, "
        "no contact person; the parent does the meta-work.",
        {"c01-eetu": {"no_owner"}},
        [
            person("c01-eetu", "2021-04-12"),
            service_use("c01-e1", "c01-eetu", "s-puhe", "2024-02-05"),
            service_use("c01-e2", "c01-eetu", "s-lneuro", "2023-05-22"),
            service_use("c01-e3", "c01-eetu", "s-vaka", "2022-08-08"),
            service_use("c01-e4", "c01-eetu", "s-ry", "2025-09-01"),
        ],
    ),
    Case(
        "c02 the same child with only a speech therapist as own worker",
        "As c01, but the speech therapist is recorded as Eetu's own worker.",
        "An own worker of one service does not coordinate four organisations (000: "
        "one person who keeps everyone up to date is what is missing).",
        {"c02-eetu": {"no_owner"}},
        [
            person("c02-eetu", "2021-04-12"),
            service_use("c02-e1", "c02-eetu", "s-puhe", "2024-02-05"),
            service_use("c02-e2", "c02-eetu", "s-lneuro", "2023-05-22"),
            service_use("c02-e3", "c02-eetu", "s-vaka", "2022-08-08"),
            own("c02-r1", "w-pk2", "c02-eetu"),
        ],
    ),
    Case(
        "c03 the same child with a responsible worker",
        "Speech therapy, child neurology and day care; the family centre's social "
        "counsellor is Eetu's responsible worker (vastuutyöntekijä).",
        "A named responsible worker coordinates across organisations and is whom the "
        "family calls: nothing is missing.",
        {"c03-eetu": set()},
        [
            person("c03-eetu", "2021-02-01"),
            service_use("c03-e1", "c03-eetu", "s-puhe", "2024-02-05"),
            service_use("c03-e2", "c03-eetu", "s-lneuro", "2023-05-22"),
            service_use("c03-e3", "c03-eetu", "s-vaka", "2022-08-08"),
            role("c03-r1", "w-pk1", "responsible_worker", "2025-01-01", client="c03-eetu"),
        ],
    ),
    Case(
        "c04 an adult seeing a doctor with nobody recorded",
        "Matti, 56, has an ongoing course of appointments at the sote centre. "
        "Nobody is recorded as his worker.",
        "The client has no recorded contact person: he does not know whom to call (000).",
        {"c04-matti": {"no_owner"}},
        [
            person("c04-matti", "1970-06-01"),
            service_use("c04-e1", "c04-matti", "s-gp", "2026-03-01"),
        ],
    ),
    Case(
        "c05 an adult with an own worker at the sote centre",
        "Maija, 61, sees the doctor at the sote centre; the doctor is her own worker.",
        "One service, a named own worker: someone to call, nothing to coordinate.",
        {"c05-maija": set()},
        [
            person("c05-maija", "1965-02-02"),
            service_use("c05-e1", "c05-maija", "s-gp", "2026-01-10"),
            own("c05-r1", "w-gp", "c05-maija"),
        ],
    ),
    Case(
        "c06 a family coordinator for two children",
        "The Niemi family: Sara, 9, has learning support at school and family work; "
        "Leo, 4, is in day care and in family work. The family centre's social "
        "counsellor is named coordinator for the whole family.",
        "The brief says a child's family is seen as a whole (000); one coordinator "
        "for the family coordinates each child and is their contact.",
        {"c06-sara": set(), "c06-leo": set()},
        [
            family("c06-f"),
            person("c06-aiti", "1988-03-03", family="c06-f", family_role="parent"),
            person("c06-sara", "2017-05-05", family="c06-f", family_role="child"),
            person("c06-leo", "2022-01-15", family="c06-f", family_role="child"),
            service_use("c06-e1", "c06-sara", "s-tuki", "2025-08-11"),
            service_use("c06-e2", "c06-sara", "s-perhetyo", "2026-02-01"),
            service_use("c06-e3", "c06-leo", "s-vaka", "2023-08-01"),
            service_use("c06-e4", "c06-leo", "s-perhetyo", "2026-02-01"),
            role("c06-r1", "w-pk1", "coordinator", "2026-02-01", family="c06-f"),
        ],
    ),
    Case(
        "c07 diabetes, home care and a doctor, no treating physician",
        "Aili, 68, has diabetes; home care visits daily and she sees the sote centre's "
        "doctor; each service has its own worker for her.",
        "Long-term illness with nobody responsible for the whole of her health care "
        "(000), and two organisations with nobody coordinating.",
        {"c07-aili": {"no_owner"}},
        [
            person("c07-aili", "1958-03-03", long_term_illness=True),
            service_use("c07-e1", "c07-aili", "s-gp", "2025-06-02"),
            service_use("c07-e2", "c07-aili", "s-koti", "2025-06-02"),
            own("c07-r1", "w-koti", "c07-aili"),
        ],
    ),
    Case(
        "c08 the same with a treating physician and a responsible nurse",
        "As c07, but the doctor is her treating physician for the whole and the home "
        "care nurse her responsible worker.",
        "Everything the brief asks for is named.",
        {"c08-aili": set()},
        [
            person("c08-aili", "1958-03-03", long_term_illness=True),
            service_use("c08-e1", "c08-aili", "s-gp", "2025-06-02"),
            service_use("c08-e2", "c08-aili", "s-koti", "2025-06-02"),
            role("c08-r1", "w-gp", "treating_physician", "2025-06-02", client="c08-aili"),
            role("c08-r2", "w-koti", "responsible_worker", "2025-06-02", client="c08-aili"),
        ],
    ),
    Case(
        "c09 a client plan two months past its review",
        "Jari, 46, in adult social work with an own worker; his client plan was to be "
        "reviewed on 1 September.",
        "A plan past its review date (000).",
        {"c09-jari": {"no_owner"}},
        [
            person("c09-jari", "1980-01-20"),
            service_use("c09-e1", "c09-jari", "s-aso", "2025-03-01"),
            own("c09-r1", "w-sote", "c09-jari"),
            plan(
                "c09-p",
                "c09-jari",
                "client_plan",
                "2025-03-15",
                owner="w-sote",
                review_date="2026-09-01",
                **PARTICIPATED,
            ),
        ],
    ),
    Case(
        "c10 a client plan reviewed on time",
        "As c09, review booked for February.",
        "Nothing is missing.",
        {"c10-jari": set()},
        [
            person("c10-jari", "1980-01-20"),
            service_use("c10-e1", "c10-jari", "s-aso", "2025-03-01"),
            own("c10-r1", "w-sote", "c10-jari"),
            plan(
                "c10-p",
                "c10-jari",
                "client_plan",
                "2025-03-15",
                owner="w-sote",
                review_date="2027-02-01",
                **PARTICIPATED,
            ),
        ],
    ),
    Case(
        "c11 a service plan whose author has left",
        "Raimo, 51, has a service plan written by a social worker who left at the end "
        "of 2025; no services are running now.",
        "A plan with nobody responsible, nobody to remind about updating it (000, 004).",
        {"c11-raimo": {"no_owner"}},
        [
            person("c11-raimo", "1975-11-11"),
            plan(
                "c11-p",
                "c11-raimo",
                "service_plan",
                "2025-01-01",
                owner="w-left",
                review_date="2027-06-01",
                **PARTICIPATED,
            ),
        ],
    ),
    Case(
        "c12 a contact person for the family",
        "The Salo family has family work; the family centre's counsellor is recorded as "
        "the family's contact person. Ella, 10, is the one in family work.",
        "The family knows whom to call; a family contact counts for each member.",
        {"c12-ella": set()},
        [
            family("c12-f"),
            person("c12-isa", "1984-04-04", family="c12-f", family_role="parent"),
            person("c12-ella", "2016-02-02", family="c12-f", family_role="child"),
            service_use("c12-e1", "c12-ella", "s-perhetyo", "2026-05-01"),
            role("c12-r1", "w-pk1", "contact_person", "2026-05-01", family="c12-f"),
        ],
    ),
    # --- duplicated roles ---------------------------------------------------------
    Case(
        "c13 two own workers for one child, no division",
        "Onni, 11, in family work; two family centre workers are both recorded as his "
        "own worker since February.",
        "Several responsible workers are allowed only with an explicit division (000).",
        {"c13-onni": {"duplicated_roles"}},
        [
            person("c13-onni", "2015-01-01"),
            service_use("c13-e1", "c13-onni", "s-perhetyo", "2026-02-01"),
            own("c13-r1", "w-pk1", "c13-onni", "2026-02-01"),
            own("c13-r2", "w-pk3", "c13-onni", "2026-02-01"),
        ],
    ),
    Case(
        "c14 two own workers with the division written down",
        "As c13, each responsibility records the division (family work / motor skills).",
        "The division is explicit, as the seed asks (000).",
        {"c14-onni": set()},
        [
            person("c14-onni", "2015-01-01"),
            service_use("c14-e1", "c14-onni", "s-perhetyo", "2026-02-01"),
            {**own("c14-r1", "w-pk1", "c14-onni", "2026-02-01"), "division": "perhetyö"},
            {**own("c14-r2", "w-pk3", "c14-onni", "2026-02-01"), "division": "motoriikka"},
        ],
    ),
    Case(
        "c15 physiotherapy from the family centre and a private firm at once",
        "Vilma, 8, gets physiotherapy at the family centre and, by her parents' "
        "initiative, from a private firm, both weekly; she has a responsible worker.",
        "Overlapping services, the same kind from two providers (004: päällekkäisyydet).",
        {"c15-vilma": {"duplicated_roles"}},
        [
            person("c15-vilma", "2018-06-06"),
            service_use("c15-e1", "c15-vilma", "s-fysio-pk", "2026-01-15"),
            service_use("c15-e2", "c15-vilma", "s-fysio-oy", "2026-03-01"),
            role("c15-r1", "w-pk1", "responsible_worker", "2026-01-15", client="c15-vilma"),
        ],
    ),
    Case(
        "c16 physiotherapy moved from the family centre to a private firm",
        "As c15, but the family centre's course ended in June and the private one began in July.",
        "One after the other is not an overlap.",
        {"c16-vilma": set()},
        [
            person("c16-vilma", "2018-06-06"),
            service_use("c16-e1", "c16-vilma", "s-fysio-pk", "2026-01-15", end="2026-06-30"),
            service_use("c16-e2", "c16-vilma", "s-fysio-oy", "2026-07-01"),
            role("c16-r1", "w-pk1", "responsible_worker", "2026-01-15", client="c16-vilma"),
        ],
    ),
    Case(
        "c17 working age, four plans pulling apart",
        "Pekka, 54: employment services plan work, Kela's vocational rehabilitation "
        "plans work, occupational health's work-ability plan aims at a disability "
        "pension. Each organisation has its own person; nobody coordinates.",
        "The fourth case of the brief (001, 004): plans without a shared direction, and "
        "several organisations with nobody coordinating.",
        {"c17-pekka": {"duplicated_roles", "no_owner"}},
        [
            person("c17-pekka", "1972-09-09"),
            service_use("c17-e1", "c17-pekka", "s-te", "2026-01-01"),
            service_use("c17-e2", "c17-pekka", "s-kela", "2026-02-01"),
            service_use("c17-e3", "c17-pekka", "s-tth", "2025-10-01"),
            role("c17-r1", "w-tyo", "own_worker", "2026-01-01", episode="c17-e1"),
            role("c17-r2", "w-kela", "own_worker", "2026-02-01", episode="c17-e2"),
            role("c17-r3", "w-tth", "own_worker", "2025-10-01", episode="c17-e3"),
            plan(
                "c17-p1",
                "c17-pekka",
                "employment_plan",
                "2026-01-15",
                owner="w-tyo",
                review_date="2027-01-15",
                **PARTICIPATED,
            ),
            goal("c17-g1", "c17-p1", "work", "Työllistyy varastotyöhön"),
            plan(
                "c17-p2",
                "c17-pekka",
                "rehabilitation_plan",
                "2026-02-15",
                owner="w-kela",
                review_date="2027-02-15",
                **PARTICIPATED,
            ),
            goal("c17-g2", "c17-p2", "work", "Uudelleenkoulutus"),
            plan(
                "c17-p3",
                "c17-pekka",
                "work_ability_support_plan",
                "2025-10-15",
                owner="w-tth",
                review_date="2027-01-10",
                **PARTICIPATED,
            ),
            goal("c17-g3", "c17-p3", "pension", "Työkyvyttömyyseläke"),
        ],
    ),
    Case(
        "c18 working age with a work-ability coordinator and one direction",
        "As c17, but the occupational health doctor is his work-ability coordinator and "
        "every plan aims at work.",
        "A coordinator and plans that pull one way: nothing is missing.",
        {"c18-pekka": set()},
        [
            person("c18-pekka", "1972-09-09"),
            service_use("c18-e1", "c18-pekka", "s-te", "2026-01-01"),
            service_use("c18-e2", "c18-pekka", "s-tth", "2025-10-01"),
            role("c18-r1", "w-tth", "work_ability_coordinator", "2025-10-01", client="c18-pekka"),
            plan(
                "c18-p1",
                "c18-pekka",
                "employment_plan",
                "2026-01-15",
                owner="w-tyo",
                review_date="2027-01-15",
                **PARTICIPATED,
            ),
            goal("c18-g1", "c18-p1", "work", "Työllistyy varastotyöhön"),
            plan(
                "c18-p2",
                "c18-pekka",
                "work_ability_support_plan",
                "2025-10-15",
                owner="w-tth",
                review_date="2027-01-10",
                **PARTICIPATED,
            ),
            goal("c18-g2", "c18-p2", "work", "Osa-aikatyö"),
        ],
    ),
    Case(
        "c19 a client plan that leaves school support out",
        "Aada, 12, has family work and learning support at school; her client plan, "
        "made with her, lists family work only.",
        "A service not covered by any plan (000, 001).",
        {"c19-aada": {"duplicated_roles"}},
        [
            person("c19-aada", "2014-03-03"),
            service_use("c19-e1", "c19-aada", "s-perhetyo", "2026-01-10"),
            service_use("c19-e2", "c19-aada", "s-tuki", "2025-08-11"),
            role("c19-r1", "w-pk1", "responsible_worker", "2026-01-10", client="c19-aada"),
            plan(
                "c19-p",
                "c19-aada",
                "client_plan",
                "2026-01-20",
                owner="w-pk1",
                services=["s-perhetyo"],
                review_date="2027-01-20",
                **PARTICIPATED,
            ),
        ],
    ),
    Case(
        "c20 a plan with only a review date",
        "Kari, 41, in adult social work with an own worker; the worker recorded a "
        "client plan with its review date and nothing else.",
        "Nothing says the plan leaves anything out or was made without him; what is "
        "missing is the record of his participation (data quality).",
        {"c20-kari": {"data_quality"}},
        [
            person("c20-kari", "1985-07-07"),
            service_use("c20-e1", "c20-kari", "s-aso", "2026-04-01"),
            own("c20-r1", "w-sote", "c20-kari"),
            plan("c20-p", "c20-kari", "client_plan", "2026-04-15", review_date="2027-01-15"),
        ],
    ),
    # --- missing handoff ---------------------------------------------------------------
    Case(
        "c21 17, placed in care and in youth psychiatry, turning 18 in February",
        "Jenna turns 18 on 10 February: child welfare turns into aftercare and youth "
        "psychiatry into adult services. Her child welfare social worker is her "
        "responsible worker; nothing is arranged on the receiving side.",
        "The third case of the brief (002): a transition with no receiving owner.",
        {"c21-jenna": {"missing_handoff"}},
        [
            person("c21-jenna", "2009-02-10"),
            service_use("c21-e1", "c21-jenna", "s-ls", "2023-03-01"),
            service_use("c21-e2", "c21-jenna", "s-sijais", "2024-06-01"),
            service_use("c21-e3", "c21-jenna", "s-nuopsy", "2025-01-15"),
            role("c21-r1", "w-ls1", "responsible_worker", "2023-03-01", client="c21-jenna"),
        ],
    ),
    Case(
        "c22 17, turning 18 next September",
        "As c21, but she turns 18 on 1 September 2027, more than nine months away.",
        "Not yet an approaching transition.",
        {"c22-jenna": set()},
        [
            person("c22-jenna", "2009-09-01"),
            service_use("c22-e1", "c22-jenna", "s-ls", "2023-03-01"),
            service_use("c22-e2", "c22-jenna", "s-sijais", "2024-06-01"),
            role("c22-r1", "w-ls1", "responsible_worker", "2023-03-01", client="c22-jenna"),
        ],
    ),
    Case(
        "c23 youth psychiatry to adult psychiatry, handoff accepted",
        "Timo turns 18 on 20 January; his nurse requested a handoff to adult "
        "psychiatry, which accepted it on 10 November.",
        "A planned handoff accepted by the receiving side (002).",
        {"c23-timo": set()},
        [
            person("c23-timo", "2009-01-20"),
            service_use("c23-e1", "c23-timo", "s-nuopsy", "2025-02-01"),
            own("c23-r1", "w-nuopsy", "c23-timo"),
            handoff(
                "c23-h",
                "c23-timo",
                "nuopsy",
                "aikpsy",
                "accepted",
                "2026-11-01",
                "2026-11-10",
                from_episode="c23-e1",
            ),
            consent("c23-k", "c23-timo", "nuopsy", "aikpsy", "2026-10-20", "handoff"),
        ],
    ),
    Case(
        "c24 a handoff requested in October, never accepted, youth psychiatry over",
        "Sami turned 18 in October. Youth psychiatry requested a handoff to adult "
        "psychiatry on 1 October and closed his care at the end of the month; adult "
        "psychiatry has not answered. No transition was recorded.",
        "Responsibility left one owner and nobody took it (000, 004).",
        {"c24-sami": {"missing_handoff"}},
        [
            person("c24-sami", "2008-10-20"),
            service_use("c24-e1", "c24-sami", "s-nuopsy", "2024-05-01", end="2026-10-31"),
            handoff(
                "c24-h",
                "c24-sami",
                "nuopsy",
                "aikpsy",
                "requested",
                "2026-10-01",
                from_episode="c24-e1",
            ),
            consent("c24-k", "c24-sami", "nuopsy", "aikpsy", "2026-09-20", "handoff"),
        ],
    ),
    Case(
        "c25 a handoff requested four days ago",
        "Aleksi, 17, still in youth psychiatry (18 next June); his nurse asked adult "
        "psychiatry on 18 November to take over.",
        "The receiving side has had four days; nothing is late yet.",
        {"c25-aleksi": set()},
        [
            person("c25-aleksi", "2009-06-01"),
            service_use("c25-e1", "c25-aleksi", "s-nuopsy", "2025-09-01"),
            own("c25-r1", "w-nuopsy", "c25-aleksi"),
            handoff(
                "c25-h",
                "c25-aleksi",
                "nuopsy",
                "aikpsy",
                "requested",
                "2026-11-18",
                from_episode="c25-e1",
            ),
            consent("c25-k", "c25-aleksi", "nuopsy", "aikpsy", "2026-11-15", "handoff"),
        ],
    ),
    Case(
        "c26 accepted in September, never completed",
        "Hanna, 36, moved from adult social work to employment services. Employment "
        "services accepted the handoff on 1 September, but no meeting or information "
        "transfer has been recorded since.",
        "A handoff is the passing of responsibility and information (brief, concepts); "
        "accepted but not carried out for months is not a handoff done.",
        {"c26-hanna": {"missing_handoff"}},
        [
            person("c26-hanna", "1990-02-02"),
            service_use("c26-e1", "c26-hanna", "s-aso", "2025-01-01", end="2026-09-30"),
            service_use("c26-e2", "c26-hanna", "s-te", "2026-09-05"),
            own("c26-r1", "w-tyo", "c26-hanna", "2026-09-05"),
            handoff(
                "c26-h",
                "c26-hanna",
                "sote",
                "tyo",
                "accepted",
                "2026-08-20",
                "2026-09-01",
                from_episode="c26-e1",
                to_episode="c26-e2",
            ),
            consent("c26-k", "c26-hanna", "sote", "tyo", "2026-08-15", "handoff"),
        ],
    ),
    Case(
        "c27 hospital discharge in nine days, home care not ready",
        "Eino, 82, on the medical ward since 10 November; discharge home is planned for "
        "1 December with home care starting the same day. Nobody in home care is named.",
        "Hospital to home is a transition (000, 004) with no receiving owner.",
        {"c27-eino": {"missing_handoff"}},
        [
            person("c27-eino", "1944-04-04"),
            service_use("c27-e1", "c27-eino", "s-osasto", "2026-11-10"),
            service_use("c27-e2", "c27-eino", "s-koti", "2026-12-01", status="planned"),
            own("c27-r1", "w-osasto", "c27-eino", "2026-11-10"),
            {
                "type": "transition",
                "id": "c27-t",
                "client": "c27-eino",
                "kind": "hospital_to_home",
                "due_date": "2026-12-01",
                "from_episode": "c27-e1",
                "to_episode": "c27-e2",
            },
        ],
    ),
    Case(
        "c28 hospital discharge with a home care nurse named",
        "As c27, and the home care nurse is his own worker in home care from 1 December.",
        "The receiving owner is named.",
        {"c28-eino": set()},
        [
            person("c28-eino", "1944-04-04"),
            service_use("c28-e1", "c28-eino", "s-osasto", "2026-11-10"),
            service_use("c28-e2", "c28-eino", "s-koti", "2026-12-01", status="planned"),
            own("c28-r1", "w-osasto", "c28-eino", "2026-11-10"),
            role("c28-r2", "w-koti", "own_worker", "2026-12-01", episode="c28-e2"),
            {
                "type": "transition",
                "id": "c28-t",
                "client": "c28-eino",
                "kind": "hospital_to_home",
                "due_date": "2026-12-01",
                "from_episode": "c28-e1",
                "to_episode": "c28-e2",
            },
        ],
    ),
    Case(
        "c29 starting school next August, nothing arranged",
        "Iida, 6, is in day care and starts school in August 2027. Her day care "
        "teacher is her own worker; no transfer to school is recorded.",
        "Day care to school is a transition (000, 002); enrolment and the transfer "
        "meeting happen in the spring, so it is approaching now.",
        {"c29-iida": {"missing_handoff"}},
        [
            person("c29-iida", "2020-05-10"),
            service_use("c29-e1", "c29-iida", "s-vaka", "2022-08-01"),
            own("c29-r1", "w-vaka", "c29-iida", "2022-08-01"),
        ],
    ),
    Case(
        "c30 starting school, transfer agreed",
        "As c29, and the school accepted the transfer (siirtopalaveri) in November, "
        "with the parents' consent.",
        "The receiving side has accepted.",
        {"c30-iida": set()},
        [
            person("c30-iida", "2020-05-10"),
            service_use("c30-e1", "c30-iida", "s-vaka", "2022-08-01"),
            own("c30-r1", "w-vaka", "c30-iida", "2022-08-01"),
            handoff(
                "c30-h",
                "c30-iida",
                "vaka",
                "koulu",
                "accepted",
                "2026-11-05",
                "2026-11-15",
                from_episode="c30-e1",
            ),
            consent("c30-k", "c30-iida", "vaka", "koulu", "2026-11-01", "handoff"),
        ],
    ),
    Case(
        "c31 child welfare ended at 18, aftercare with nobody",
        "Miro turned 18 on 1 August: his child welfare social worker's responsibility "
        "ended the day before and aftercare began, but no one was named and no handoff "
        "recorded. Nobody recorded a transition either.",
        "An episode ended and the next began without a handoff (000, 002), and the "
        "aftercare runs with nobody responsible (004).",
        {"c31-miro": {"missing_handoff", "no_owner"}},
        [
            person("c31-miro", "2008-08-01"),
            service_use("c31-e1", "c31-miro", "s-ls", "2022-01-01", end="2026-07-31"),
            service_use("c31-e2", "c31-miro", "s-jalki", "2026-08-01"),
            role(
                "c31-r1",
                "w-ls1",
                "responsible_worker",
                "2022-01-01",
                "2026-07-31",
                client="c31-miro",
            ),
        ],
    ),
    Case(
        "c32 child welfare to aftercare handed over",
        "As c31, but the handoff to the aftercare worker was accepted in July and "
        "completed in August, and she is his responsible worker.",
        "Handed over as the brief describes.",
        {"c32-miro": set()},
        [
            person("c32-miro", "2008-08-01"),
            service_use("c32-e1", "c32-miro", "s-ls", "2022-01-01", end="2026-07-31"),
            service_use("c32-e2", "c32-miro", "s-jalki", "2026-08-01"),
            role(
                "c32-r1",
                "w-ls1",
                "responsible_worker",
                "2022-01-01",
                "2026-07-31",
                client="c32-miro",
            ),
            role("c32-r2", "w-ls2", "responsible_worker", "2026-08-01", client="c32-miro"),
            handoff(
                "c32-h",
                "c32-miro",
                "ls",
                "ls",
                "completed",
                "2026-07-10",
                "2026-07-20",
                "2026-08-05",
                from_episode="c32-e1",
                to_episode="c32-e2",
            ),
        ],
    ),
    Case(
        "c33 information passed to school without consent",
        "Lotta, 14, in family work and learning support; the family centre handed her "
        "case over to the school's support team in September. No consent is recorded.",
        "Information moved between organisations without the client's consent (004).",
        {"c33-lotta": {"missing_handoff"}},
        [
            person("c33-lotta", "2012-01-12"),
            service_use("c33-e1", "c33-lotta", "s-perhetyo", "2026-01-01"),
            service_use("c33-e2", "c33-lotta", "s-tuki", "2025-08-11"),
            role("c33-r1", "w-pk1", "responsible_worker", "2026-01-01", client="c33-lotta"),
            handoff(
                "c33-h",
                "c33-lotta",
                "pk",
                "koulu",
                "completed",
                "2026-09-10",
                "2026-09-15",
                "2026-10-01",
            ),
        ],
    ),
    Case(
        "c34 the same with the family's consent",
        "As c33, with the guardians' consent to share information with the school.",
        "Consent covers the move.",
        {"c34-lotta": set()},
        [
            person("c34-lotta", "2012-01-12"),
            service_use("c34-e1", "c34-lotta", "s-perhetyo", "2026-01-01"),
            service_use("c34-e2", "c34-lotta", "s-tuki", "2025-08-11"),
            role("c34-r1", "w-pk1", "responsible_worker", "2026-01-01", client="c34-lotta"),
            handoff(
                "c34-h",
                "c34-lotta",
                "pk",
                "koulu",
                "completed",
                "2026-09-10",
                "2026-09-15",
                "2026-10-01",
            ),
            consent("c34-k", "c34-lotta", "pk", "koulu", "2026-09-01"),
        ],
    ),
    # --- related signals -----------------------------------------------------------
    Case(
        "c35 three responsible workers in a year in child welfare",
        "Ronja, 13, a child welfare client: her responsible worker changed in March and "
        "again in September.",
        "As few changes of worker as possible in child welfare (002).",
        {"c35-ronja": {"signal"}},
        [
            person("c35-ronja", "2013-08-08"),
            service_use("c35-e1", "c35-ronja", "s-ls", "2024-01-01"),
            role(
                "c35-r1",
                "w-ls1",
                "responsible_worker",
                "2024-01-01",
                "2026-02-28",
                client="c35-ronja",
            ),
            role(
                "c35-r2",
                "w-ls2",
                "responsible_worker",
                "2026-03-01",
                "2026-08-31",
                client="c35-ronja",
            ),
            role("c35-r3", "w-pk1", "responsible_worker", "2026-09-01", client="c35-ronja"),
        ],
    ),
    Case(
        "c36 one change of worker",
        "As c35, but only one change, in March.",
        "One change in a year is not a pattern.",
        {"c36-ronja": set()},
        [
            person("c36-ronja", "2013-08-08"),
            service_use("c36-e1", "c36-ronja", "s-ls", "2024-01-01"),
            role(
                "c36-r1",
                "w-ls1",
                "responsible_worker",
                "2024-01-01",
                "2026-02-28",
                client="c36-ronja",
            ),
            role("c36-r2", "w-ls2", "responsible_worker", "2026-03-01", client="c36-ronja"),
        ],
    ),
    Case(
        "c37 a plan made between professionals, without the client",
        "Veikko, 31: his workers agreed his client plan by division of labour and "
        "recorded that he did not take part.",
        "The family's participation in its own planning (003; 001: without the client "
        "only as mediated planning with consent).",
        {"c37-veikko": {"signal"}},
        [
            person("c37-veikko", "1995-05-05"),
            service_use("c37-e1", "c37-veikko", "s-aso", "2026-02-01"),
            own("c37-r1", "w-sote", "c37-veikko"),
            plan(
                "c37-p",
                "c37-veikko",
                "client_plan",
                "2026-02-15",
                owner="w-sote",
                review_date="2027-02-15",
                mode="division_of_labour",
                client_participated=False,
            ),
        ],
    ),
    Case(
        "c38 mediated planning with consent",
        "As c37, but the plan was mediated with Veikko's written consent to joint planning.",
        "Mediated planning with consent is what the seed allows (001).",
        {"c38-veikko": set()},
        [
            person("c38-veikko", "1995-05-05"),
            service_use("c38-e1", "c38-veikko", "s-aso", "2026-02-01"),
            own("c38-r1", "w-sote", "c38-veikko"),
            plan(
                "c38-p",
                "c38-veikko",
                "client_plan",
                "2026-02-15",
                owner="w-sote",
                review_date="2027-02-15",
                mode="mediated",
                client_participated=False,
            ),
            consent("c38-k", "c38-veikko", "sote", "sote", "2026-02-01", "joint_planning"),
        ],
    ),
    Case(
        "c39 a new plan that says nothing about the old goals",
        "Tarja, 43: last year's client plan ended in December; this year's plan does "
        "not record whether its goals were met.",
        "Feedback on whether the previous plan's goals were met (003).",
        {"c39-tarja": {"signal"}},
        [
            person("c39-tarja", "1983-03-03"),
            service_use("c39-e1", "c39-tarja", "s-aso", "2025-01-01"),
            own("c39-r1", "w-sote", "c39-tarja"),
            plan(
                "c39-p1",
                "c39-tarja",
                "client_plan",
                "2025-01-15",
                owner="w-sote",
                valid_to="2025-12-31",
                **PARTICIPATED,
            ),
            plan(
                "c39-p2",
                "c39-tarja",
                "client_plan",
                "2026-01-01",
                owner="w-sote",
                review_date="2027-01-01",
                **PARTICIPATED,
            ),
        ],
    ),
    Case(
        "c40 a new plan with feedback on the old goals",
        "As c39, the new plan records the old goals as partly met.",
        "Feedback is recorded.",
        {"c40-tarja": set()},
        [
            person("c40-tarja", "1983-03-03"),
            service_use("c40-e1", "c40-tarja", "s-aso", "2025-01-01"),
            own("c40-r1", "w-sote", "c40-tarja"),
            plan(
                "c40-p1",
                "c40-tarja",
                "client_plan",
                "2025-01-15",
                owner="w-sote",
                valid_to="2025-12-31",
                **PARTICIPATED,
            ),
            plan(
                "c40-p2",
                "c40-tarja",
                "client_plan",
                "2026-01-01",
                owner="w-sote",
                review_date="2027-01-01",
                previous_goals_feedback="partly_met",
                **PARTICIPATED,
            ),
        ],
    ),
    # --- data quality and what workers type --------------------------------------------
    Case(
        "c41 a service recorded as other",
        "Niko, 15, goes to a youth club run by the NGO, recorded as 'other'; the NGO "
        "worker is his own worker.",
        "Nothing in his coordination is wrong, but a service of no known kind cannot be "
        "checked for overlaps or age limits (data quality).",
        {"c41-niko": {"data_quality"}},
        [
            person("c41-niko", "2011-10-10"),
            service_use("c41-e1", "c41-niko", "s-muu", "2026-09-01"),
            own("c41-r1", "w-ry", "c41-niko"),
        ],
    ),
    Case(
        "c42 physiotherapy typed in Finnish and in Swedish",
        "Elsa, 10, from a Swedish-speaking family, gets physiotherapy at the family "
        "centre ('fysioterapia') and from a private firm ('fysioterapi'); she has a "
        "responsible worker.",
        "The same kind of service from two providers (004), whatever the language.",
        {"c42-elsa": {"duplicated_roles"}},
        [
            person("c42-elsa", "2016-12-12"),
            service_use("c42-e1", "c42-elsa", "s-fysio-pk", "2026-03-01"),
            service_use("c42-e2", "c42-elsa", "s-fysio-sv", "2026-04-01"),
            role("c42-r1", "w-pk1", "responsible_worker", "2026-03-01", client="c42-elsa"),
        ],
    ),
    Case(
        "c43 two units of one hospital",
        "Kaija, 58, is followed at adult psychiatry and was admitted to the hospital's "
        "medical ward; her psychiatric nurse is her own worker.",
        "Both are the central hospital: one organisation, and its nurse is responsible; "
        "nothing to coordinate across organisations.",
        {"c43-kaija": set()},
        [
            person("c43-kaija", "1968-08-18"),
            service_use("c43-e1", "c43-kaija", "s-aikpsy", "2025-05-01"),
            service_use("c43-e2", "c43-kaija", "s-osasto", "2026-11-15"),
            own("c43-r1", "w-aikpsy", "c43-kaija"),
        ],
    ),
    Case(
        "c44 the sote centre and occupational health, own worker in each",
        "Petri, 49, sees the sote centre's social worker and occupational health; each "
        "has recorded itself as his own worker for its service.",
        "Two organisations and nobody coordinating (000, 004); no one person for him.",
        {"c44-petri": {"no_owner"}},
        [
            person("c44-petri", "1977-07-17"),
            service_use("c44-e1", "c44-petri", "s-aso", "2026-03-01"),
            service_use("c44-e2", "c44-petri", "s-tth", "2026-01-01"),
            role("c44-r1", "w-sote", "own_worker", "2026-03-01", episode="c44-e1"),
            role("c44-r2", "w-tth", "own_worker", "2026-01-01", episode="c44-e2"),
        ],
    ),
    Case(
        "c45 a responsible worker who is recorded as not the contact",
        "Ari, 66, has home care; the home care manager is recorded as responsible "
        "worker but marked as not his contact (she only signs decisions).",
        "The record says she is not the one to call, and nobody else is: no contact.",
        {"c45-ari": {"no_owner"}},
        [
            person("c45-ari", "1960-06-16"),
            service_use("c45-e1", "c45-ari", "s-koti", "2026-05-01"),
            {
                **role("c45-r1", "w-koti", "responsible_worker", "2026-05-01", client="c45-ari"),
                "contact": False,
            },
        ],
    ),
]
