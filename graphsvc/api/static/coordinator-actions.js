// Actions on the coordinator page: a coordinator changes the client's coordination
// through the GraphQL mutations (with the signed-in caller's rights) and sees at once
// which gaps the change closed and opened: the page asks for the client's gaps again
// (as of the page's day) and shows the difference. A gap's "what to do" offers the
// action that fixes it, filled in. Runs after coordinator.js and uses its TEXTS, LANG,
// AS_OF, QUERIES.client, send(), say(), element() and showGaps().
"use strict";

const ACTION_QUERIES = {
  state: `query ActionState($id: ID!) {
    client(id: $id) {
      id
      name
      responsibilities { id version role validFrom validTo professional { id name } }
      episodes {
        id status start end
        service { name provider { id name } }
        responsibilities { id version role validFrom validTo professional { id name } }
      }
      plans {
        id version kind validFrom validTo reviewDate owner { id name }
        responsibilities { id version role validFrom validTo professional { id name } }
      }
      consents { id version purpose validFrom validTo withdrawn fromOrg { id name } toOrg { id name } }
      transitions {
        id kind dueDate
        fromEpisode { id service { name provider { id name } } }
        toEpisode { id service { name provider { id name } } }
      }
      handoffs {
        id version status requested decided completed
        transition { id }
        fromOrg { id name } toOrg { id name } toProfessional { id name }
      }
    }
  }`,
  organisations: `query Organisations {
    organisations(first: 500, orderBy: {field: NAME}) { nodes { id name } }
  }`,
  professionals: `query FindProfessionals($where: ProfessionalWhere, $organisation: ID) {
    professionals(where: $where, organisation: $organisation, orderBy: {field: NAME}, first: 50) {
      totalCount
      nodes { id name profession employments { organisation { id name } } }
    }
  }`,
  assign: `mutation Assign($input: ResponsibilityInput!) {
    assignResponsibility(input: $input) { node { id } }
  }`,
  end: `mutation EndResponsibility($id: ID!, $on: Date!, $version: Int) {
    endResponsibility(id: $id, on: $on, expectedVersion: $version) { node { id } }
  }`,
  request: `mutation RequestHandoff($input: HandoffInput!) {
    requestHandoff(input: $input) { node { id } }
  }`,
  accept: `mutation AcceptHandoff($id: ID!, $on: Date!, $version: Int) {
    acceptHandoff(id: $id, on: $on, expectedVersion: $version) { node { id } }
  }`,
  reject: `mutation RejectHandoff($id: ID!, $on: Date!, $version: Int) {
    rejectHandoff(id: $id, on: $on, expectedVersion: $version) { node { id } }
  }`,
  complete: `mutation CompleteHandoff($id: ID!, $on: Date!, $version: Int) {
    completeHandoff(id: $id, on: $on, expectedVersion: $version) { node { id } }
  }`,
  consent: `mutation RecordConsent($input: ConsentInput!) {
    recordConsent(input: $input) { node { id } }
  }`,
  withdraw: `mutation WithdrawConsent($id: ID!, $on: Date!, $version: Int) {
    withdrawConsent(id: $id, on: $on, expectedVersion: $version) { node { id } }
  }`,
  plan: `mutation UpdatePlan($id: ID!, $input: PlanInput!, $version: Int) {
    updatePlan(id: $id, input: $input, expectedVersion: $version) { node { id } }
  }`,
};

const ROLES = ["RESPONSIBLE_WORKER", "OWN_WORKER", "COORDINATOR", "SERVICE_COUNSELLOR",
  "WORK_ABILITY_COORDINATOR", "TREATING_PHYSICIAN", "PLAN_AUTHOR", "ASSISTIVE_DEVICES",
  "CONTACT_PERSON"];
const PURPOSES = ["HANDOFF", "INFORMATION_SHARING", "JOINT_PLANNING"];
const ACTION_NAMES = {
  assign: "do_assign", end: "do_end", request: "do_request", decide: "do_decide",
  consent: "do_consent", withdraw: "do_withdraw", plan: "do_plan",
};

// What the page knows of the open client: its gaps as shown and its records with versions.
const actionState = { client: null, gaps: [], records: null, organisations: null };

function byId(id) {
  return document.getElementById(id);
}

function referenceDay() {
  return AS_OF || new Date().toISOString().slice(0, 10);
}

function gapKey(gap) {
  return `${gap.rule}|${gap.subjectType}|${gap.subjectId}`;
}

function label(prefix, code) {
  return TEXTS[`${prefix}_${code}`] || code;
}

function upper(code) {
  return String(code).toUpperCase();
}

// ---- the client's records, as the choices of the forms --------------------------------

function responsibilitiesOf(client) {
  const found = [];
  const add = (list, scope) => {
    for (const r of list || []) found.push({ ...r, scope });
  };
  add(client.responsibilities, TEXTS.whole_client);
  for (const episode of client.episodes || []) {
    add(episode.responsibilities, episode.service ? episode.service.name : episode.id);
  }
  for (const plan of client.plans || []) add(plan.responsibilities, label("plan", plan.kind));
  return found;
}

function inForce(from, to, day) {
  return (!from || from <= day) && (!to || to >= day);
}

function describeResponsibility(r) {
  const until = r.validTo ? `–${r.validTo}` : "–";
  return `${r.professional ? r.professional.name : "?"}, ${label("role", r.role)}: ${r.scope} (${r.validFrom}${until})`;
}

function describePlan(plan) {
  const owner = plan.owner ? plan.owner.name : TEXTS.no_owner;
  return `${label("plan", plan.kind)}: ${TEXTS.review_date} ${plan.reviewDate || "–"}, ${owner}`;
}

function describeConsent(consent) {
  const parts = [`${consent.fromOrg ? consent.fromOrg.name : "?"} → ${consent.toOrg ? consent.toOrg.name : "?"}`,
    label("purpose", consent.purpose), `${consent.validFrom}–${consent.validTo || ""}`];
  if (consent.withdrawn) parts.push(`${TEXTS.withdrawn_word} ${consent.withdrawn}`);
  return parts.join(", ");
}

function describeHandoff(handoff) {
  const to = handoff.toProfessional ? ` (${handoff.toProfessional.name})` : "";
  return `${handoff.fromOrg ? handoff.fromOrg.name : "?"} → ${handoff.toOrg ? handoff.toOrg.name : "?"}${to}, `
    + `${label("handoff", upper(handoff.status))}, ${say(TEXTS.requested_on, { date: handoff.requested })}`;
}

function describeTransition(transition) {
  return `${label("transition", upper(transition.kind))}, ${transition.dueDate}`;
}

function options(select, items, describe, empty) {
  const kept = select.value;
  select.replaceChildren();
  if (empty) select.append(element("option", empty, { value: "" }));
  for (const item of items) select.append(element("option", describe(item), { value: item.id }));
  if ([...select.options].some((option) => option.value === kept)) select.value = kept;
}

function fillChoices() {
  const client = actionState.records;
  if (!client) return;
  const day = referenceDay();
  const responsibilities = responsibilitiesOf(client).filter((r) => !r.validTo || r.validTo >= day);
  options(byId("end-responsibility"), responsibilities, describeResponsibility);
  const scope = byId("assign-scope");
  const kept = scope.value;
  scope.replaceChildren(element("option", TEXTS.whole_client, { value: `client:${client.id}` }));
  for (const episode of client.episodes.filter((e) => e.status !== "CANCELLED" && inForce(e.start, e.end, day))) {
    scope.append(element("option", episode.service ? episode.service.name : episode.id, { value: `episode:${episode.id}` }));
  }
  const plans = client.plans.filter((p) => inForce(p.validFrom, p.validTo, day));
  for (const plan of plans) scope.append(element("option", label("plan", plan.kind), { value: `plan:${plan.id}` }));
  if ([...scope.options].some((option) => option.value === kept)) scope.value = kept;
  options(byId("plan-plan"), plans, describePlan);
  const consents = client.consents.filter((c) => !c.withdrawn && inForce(c.validFrom, c.validTo, day));
  options(byId("withdraw-consent"), consents, describeConsent);
  options(byId("request-consent"), client.consents.filter((c) => !c.withdrawn), describeConsent, TEXTS.none);
  options(byId("request-transition"), client.transitions, describeTransition);
  options(byId("decide-handoff"),
    client.handoffs.filter((h) => h.status === "REQUESTED" || h.status === "ACCEPTED"), describeHandoff);
  syncPlanOwner();
}

function fillVocabularies() {
  const roles = byId("assign-role");
  roles.replaceChildren(...ROLES.map((code) => element("option", label("role", code), { value: code })));
  const purposes = byId("consent-purpose");
  purposes.replaceChildren(...PURPOSES.map((code) => element("option", label("purpose", code), { value: code })));
}

async function loadOrganisations() {
  if (actionState.organisations) return;
  const answer = await send(ACTION_QUERIES.organisations, {});
  actionState.organisations = answer.data ? answer.data.organisations.nodes : [];
  for (const select of document.querySelectorAll("select.organisations")) {
    const empty = select.dataset.empty === "any" ? TEXTS.any : TEXTS.none;
    options(select, actionState.organisations, (org) => org.name, empty);
  }
}

async function loadRecords(clientId) {
  const answer = await send(ACTION_QUERIES.state, { id: clientId });
  if (answer.error) {
    showMessage(say(TEXTS.failed, { message: answer.error.message }), true);
    return false;
  }
  actionState.records = answer.data.client;
  fillChoices();
  return true;
}

// ---- finding professionals (by name, organisation and profession) ------------------------

async function findProfessionals(prefix) {
  const where = [];
  const name = byId(`${prefix}-find-name`);
  const profession = byId(`${prefix}-find-profession`);
  if (name && name.value.trim()) where.push({ name: { contains: name.value.trim() } });
  if (profession && profession.value.trim()) where.push({ profession: { contains: profession.value.trim() } });
  const org = prefix === "request" ? byId("request-to-org") : byId(`${prefix}-find-org`);
  const answer = await send(ACTION_QUERIES.professionals, {
    where: where.length ? { AND: where } : null,
    organisation: org && org.value ? org.value : null,
  });
  if (answer.error) {
    showMessage(say(TEXTS.failed, { message: answer.error.message }), true);
    return;
  }
  const found = answer.data.professionals.nodes;
  const select = byId(`${prefix}-professional`);
  let empty = null;
  if (prefix === "request") empty = TEXTS.none;
  if (prefix === "plan") empty = currentOwnerChoice();
  options(select, found, (p) => {
    const places = p.employments.map((e) => e.organisation.name).join(", ");
    return `${p.name}, ${p.profession}${places ? ` (${places})` : ""}`;
  }, empty);
  if (found.length) select.value = found[0].id;
  byId("action-live").textContent = say(TEXTS.found_professionals, { n: answer.data.professionals.totalCount });
}

function chosenPlan() {
  const id = byId("plan-plan").value;
  return actionState.records ? actionState.records.plans.find((p) => p.id === id) : null;
}

function currentOwnerChoice() {
  const plan = chosenPlan();
  return say(TEXTS.keep_owner, { name: plan && plan.owner ? plan.owner.name : TEXTS.no_owner });
}

function syncPlanOwner() {
  const plan = chosenPlan();
  byId("plan-review").value = plan && plan.reviewDate ? plan.reviewDate : "";
  const select = byId("plan-professional");
  options(select, [], () => "", currentOwnerChoice());
}

// ---- opening a form, filled in ---------------------------------------------------------

function openAction(name, fill) {
  for (const form of document.querySelectorAll("form.action")) form.hidden = form.dataset.action !== name;
  const form = byId(`action-${name}`);
  for (const input of form.querySelectorAll("input.date")) input.value = referenceDay();
  if (name === "plan") syncPlanOwner();
  for (const [id, value] of Object.entries(fill || {})) {
    const field = byId(id);
    if (field) field.value = value;
    if (id === "plan-plan") syncPlanOwner();
  }
  byId("action-state").hidden = true;
  form.querySelector("h4").focus();
}

// The action that fixes a gap, with what the gap tells filled in (null: none on this page).
function fixFor(gap) {
  const records = actionState.records;
  // only with the records of the gap's own client (they follow the list a moment later)
  if (!records || gap.clientId !== records.id) return null;
  const client = records.id;
  const id = gap.subjectId;
  const assign = (role, scope) => ({ action: "assign", fill: { "assign-role": role, "assign-scope": scope } });
  switch (gap.rule) {
    case "no-coordinator":
      return assign("RESPONSIBLE_WORKER", `client:${client}`);
    case "no-contact-person":
      return assign("CONTACT_PERSON", `client:${client}`);
    case "no-treating-physician":
      return assign("TREATING_PHYSICIAN", `client:${client}`);
    case "episode-without-responsible":
      return assign("OWN_WORKER", `episode:${id}`);
    case "plan-without-owner":
    case "plan-review-overdue":
      return records.plans.some((p) => p.id === id) ? { action: "plan", fill: { "plan-plan": id } } : null;
    case "duplicated-role": {
      const held = new Set(responsibilitiesOf(records).map((r) => r.id));
      const mine = (gap.evidence || []).filter((e) => e.label === "Responsibility" && held.has(e.id));
      return mine.length ? { action: "end", fill: { "end-responsibility": mine[mine.length - 1].id } } : null;
    }
    case "transition-without-receiver":
    case "handoff-missing": {
      if (gap.subjectType !== "Transition") return null;
      const waiting = records.handoffs.find((h) => h.transition && h.transition.id === id && h.status === "REQUESTED");
      if (waiting) return { action: "decide", fill: { "decide-handoff": waiting.id } };
      const transition = records.transitions.find((t) => t.id === id);
      if (!transition) return null;
      const fill = { "request-transition": id, ...transitionOrgs(transition) };
      return { action: "request", fill };
    }
    case "handoff-not-accepted":
    case "handoff-stale":
      return records.handoffs.some((h) => h.id === id) ? { action: "decide", fill: { "decide-handoff": id } } : null;
    case "handoff-without-consent": {
      const handoff = records.handoffs.find((h) => h.id === id);
      if (!handoff) return null;
      return { action: "consent", fill: {
        "consent-from": handoff.fromOrg ? handoff.fromOrg.id : "",
        "consent-to": handoff.toOrg ? handoff.toOrg.id : "",
        "consent-purpose": "HANDOFF",
        "consent-from-date": handoff.requested,
      } };
    }
    case "client-not-participating":
      return { action: "consent", fill: { "consent-purpose": "JOINT_PLANNING" } };
    default:
      return null;
  }
}

// The sending and receiving organisations of a transition, where the caller sees its episodes.
function transitionOrgs(transition) {
  const provider = (episode) => episode && episode.service && episode.service.provider;
  const fill = {};
  if (provider(transition.fromEpisode)) fill["request-from-org"] = provider(transition.fromEpisode).id;
  if (provider(transition.toEpisode)) fill["request-to-org"] = provider(transition.toEpisode).id;
  return fill;
}

function offerFixes() {
  for (const item of document.querySelectorAll("#gaps li")) {
    const old = item.querySelector("button.fix");
    if (old) old.remove();
    const gap = actionState.gaps.find((g) => g.rule === item.dataset.rule
      && g.subjectType === item.dataset.subjectType && g.subjectId === item.dataset.subjectId);
    const fix = gap && fixFor(gap);
    if (!fix) continue;
    const button = element("button", say(TEXTS.fix, { action: TEXTS[ACTION_NAMES[fix.action]] }), {
      type: "button", class: "link fix", "data-fix": fix.action,
    });
    button.addEventListener("click", () => openAction(fix.action, fix.fill));
    item.append(button);
  }
}

// ---- sending an action and showing what it changed -------------------------------------

function showMessage(text, isError) {
  const result = byId("action-result");
  result.replaceChildren(element("p", text));
  result.classList.toggle("error", Boolean(isError));
  result.hidden = false;
  byId("action-live").textContent = text;
  result.focus();
}

function showChange(actionName, before, after) {
  const was = new Map(before.map((gap) => [gapKey(gap), gap]));
  const now = new Map(after.map((gap) => [gapKey(gap), gap]));
  const closed = [...was.values()].filter((gap) => !now.has(gapKey(gap)));
  const opened = [...now.values()].filter((gap) => !was.has(gapKey(gap)));
  const result = byId("action-result");
  const done = say(TEXTS.done, { action: TEXTS[ACTION_NAMES[actionName]] });
  result.replaceChildren(element("p", done));
  const list = (heading, gaps, id) => {
    if (!gaps.length) return;
    result.append(element("h4", heading));
    const ul = element("ul", null, { id });
    for (const gap of gaps) ul.append(element("li", gap.title, { "data-rule": gap.rule, "data-subject-id": gap.subjectId }));
    result.append(ul);
  };
  list(TEXTS.closed, closed, "gaps-closed");
  list(TEXTS.opened, opened, "gaps-opened");
  if (!closed.length && !opened.length) result.append(element("p", TEXTS.no_change));
  result.classList.remove("error");
  result.hidden = false;
  const summary = [done, closed.length ? `${TEXTS.closed}: ${closed.map((g) => g.title).join("; ")}` : "",
    opened.length ? `${TEXTS.opened}: ${opened.map((g) => g.title).join("; ")}` : ""].filter(Boolean);
  byId("action-live").textContent = summary.join(" ");
  result.focus();
}

function showCurrent(lines) {
  const list = byId("action-state-list");
  list.replaceChildren(...lines.map((line) => element("li", line)));
  byId("action-state").hidden = lines.length === 0;
}

// The client's gaps again, as of the page's day; the list and the map follow.
async function refreshGaps() {
  const client = actionState.client;
  const answer = await send(QUERIES.client, { id: client, lang: LANG.toUpperCase(), asOf: AS_OF });
  if (answer.error || !answer.data.client) return null;
  const gaps = answer.data.client.gaps;
  showGaps(gaps);
  const frame = byId("map");
  if (frame.src) frame.contentWindow.location.reload();
  return gaps;
}

function isDay(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
}

// The mutation an action's form asks for, or a message saying what is missing.
function planned(name, submitter) {
  const value = (id) => byId(id).value.trim();
  const day = (id, what) => (isDay(value(id)) ? null : say(TEXTS.bad_date, { what }));
  const need = (id, what) => (value(id) ? null : say(TEXTS.choose, { what }));
  const records = actionState.records;
  const client = records.id;
  switch (name) {
    case "assign": {
      const missing = need("assign-professional", TEXTS.professional) || day("assign-from", TEXTS.valid_from);
      if (missing) return { missing };
      const [kind, id] = value("assign-scope").split(":");
      return { query: "assign", creates: "responsibility", variables: { input: {
        professional: value("assign-professional"), role: value("assign-role"), [kind]: id,
        validFrom: value("assign-from"),
      } } };
    }
    case "end": {
      const missing = need("end-responsibility", TEXTS.responsibility) || day("end-on", TEXTS.ends_on);
      if (missing) return { missing };
      const r = responsibilitiesOf(records).find((x) => x.id === value("end-responsibility"));
      return { query: "end", record: ["responsibility", r.id],
        variables: { id: r.id, on: value("end-on"), version: r.version } };
    }
    case "request": {
      const missing = need("request-transition", TEXTS.transition) || need("request-from-org", TEXTS.from_org)
        || need("request-to-org", TEXTS.to_org) || day("request-on", TEXTS.requested);
      if (missing) return { missing };
      const transition = records.transitions.find((t) => t.id === value("request-transition"));
      const input = { client, transition: transition.id, fromOrg: value("request-from-org"),
        toOrg: value("request-to-org"), requested: value("request-on") };
      // the episodes only where the caller sees them (they are the transition's anyway)
      if (transition.fromEpisode) input.fromEpisode = transition.fromEpisode.id;
      if (transition.toEpisode) input.toEpisode = transition.toEpisode.id;
      if (value("request-professional")) input.toProfessional = value("request-professional");
      if (value("request-consent")) input.consent = value("request-consent");
      return { query: "request", creates: "handoff", variables: { input } };
    }
    case "decide": {
      const missing = need("decide-handoff", TEXTS.handoff) || day("decide-on", TEXTS.decided_on);
      if (missing) return { missing };
      const handoff = records.handoffs.find((h) => h.id === value("decide-handoff"));
      const verb = submitter && submitter.value ? submitter.value : "accept";
      return { query: verb, record: ["handoff", handoff.id],
        variables: { id: handoff.id, on: value("decide-on"), version: handoff.version } };
    }
    case "consent": {
      const missing = need("consent-from", TEXTS.from_org) || need("consent-to", TEXTS.consent_to_org)
        || day("consent-from-date", TEXTS.valid_from)
        || (value("consent-to-date") ? day("consent-to-date", TEXTS.valid_to) : null);
      if (missing) return { missing };
      const input = { client, fromOrg: value("consent-from"), toOrg: value("consent-to"),
        purpose: value("consent-purpose"), validFrom: value("consent-from-date") };
      if (value("consent-to-date")) input.validTo = value("consent-to-date");
      return { query: "consent", creates: "consent", variables: { input } };
    }
    case "withdraw": {
      const missing = need("withdraw-consent", TEXTS.consent) || day("withdraw-on", TEXTS.withdrawn_on);
      if (missing) return { missing };
      const consent = records.consents.find((c) => c.id === value("withdraw-consent"));
      return { query: "withdraw", record: ["consent", consent.id],
        variables: { id: consent.id, on: value("withdraw-on"), version: consent.version } };
    }
    case "plan": {
      const missing = need("plan-plan", TEXTS.plan) || day("plan-review", TEXTS.review_date);
      if (missing) return { missing };
      const plan = chosenPlan();
      const input = { reviewDate: value("plan-review") };
      if (value("plan-professional")) input.owner = value("plan-professional");
      return { query: "plan", record: ["plan", plan.id],
        variables: { id: plan.id, input, version: plan.version } };
    }
    default:
      return { missing: name };
  }
}

// The current state of the record an action was about, after a refusal.
function currentOf(record) {
  if (!record || !actionState.records) return [];
  const [kind, id] = record;
  const records = actionState.records;
  const find = {
    responsibility: () => responsibilitiesOf(records).filter((r) => r.id === id).map(describeResponsibility),
    handoff: () => records.handoffs.filter((h) => h.id === id).map(describeHandoff),
    consent: () => records.consents.filter((c) => c.id === id).map(describeConsent),
    plan: () => records.plans.filter((p) => p.id === id).map(describePlan),
  }[kind];
  return find ? find() : [];
}

async function act(name, submitter) {
  const plan = planned(name, submitter);
  if (plan.missing) {
    showMessage(plan.missing, true);
    byId("action-result").dataset.code = "MISSING";
    return;
  }
  showMessage(TEXTS.saving);
  const before = actionState.gaps;
  const answer = await send(ACTION_QUERIES[plan.query], plan.variables);
  if (answer.error) {
    const { code, message } = answer.error;
    const template = code === "CONFLICT" ? TEXTS.conflict : code === "FORBIDDEN" ? TEXTS.forbidden : TEXTS.refused;
    await loadRecords(actionState.client);
    // the form shows what is stored now (a plan's review date and owner, the handoffs still open)
    if (name === "plan") syncPlanOwner();
    showCurrent(currentOf(plan.record));
    showMessage(say(template, { message }), true);
    byId("action-result").dataset.code = code;
    return;
  }
  const after = await refreshGaps();
  await loadRecords(actionState.client);
  offerFixes();
  const changed = Object.values(answer.data)[0];
  showCurrent(currentOf(plan.record || [plan.creates, changed && changed.node.id]));
  byId("action-result").dataset.code = "";
  showChange(plan.query, before, after || before);
}

// ---- wiring ------------------------------------------------------------------------------

// Whoever lists the client's gaps (opening the client, an action, a live alert), the
// list's fixes follow it.
document.addEventListener("graphsvc:gaps-shown", (event) => {
  actionState.gaps = event.detail;
  offerFixes();
});

document.addEventListener("graphsvc:client-shown", async (event) => {
  const client = event.detail;
  actionState.client = client.id;
  actionState.gaps = client.gaps;
  byId("action-result").hidden = true;
  await loadOrganisations();
  if (await loadRecords(client.id)) offerFixes();
  byId("actions").dataset.ready = client.id;
});

(function wireActions() {
  fillVocabularies();
  const frame = byId("map");
  frame.addEventListener("load", () => {
    frame.dataset.loads = String(Number(frame.dataset.loads || 0) + 1);
  });
  for (const button of document.querySelectorAll(".action-choices button")) {
    button.addEventListener("click", () => openAction(button.dataset.action));
  }
  for (const form of document.querySelectorAll("form.action")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act(form.dataset.action, event.submitter);
    });
    form.querySelector("button.cancel").addEventListener("click", () => {
      form.hidden = true;
      byId("actions-heading").focus();
    });
  }
  for (const button of document.querySelectorAll("button.find")) {
    button.addEventListener("click", () => findProfessionals(button.dataset.picker));
  }
  byId("plan-plan").addEventListener("change", syncPlanOwner);
  byId("request-transition").addEventListener("change", () => {
    const records = actionState.records;
    const transition = records && records.transitions.find((t) => t.id === byId("request-transition").value);
    for (const [id, value] of Object.entries(transition ? transitionOrgs(transition) : {})) byId(id).value = value;
  });
})();
