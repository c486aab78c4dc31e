// The coordinator page: finds clients and their gaps through the GraphQL API
// (/graphql, schema.graphql) and shows the client's service map in a frame.
"use strict";

// Every GraphQL query the page sends, in one place.
const QUERIES = {
  findClients: `query FindClients($text: String!, $id: ID!) {
    clients(where: {OR: [{name: {contains: $text}}, {id: {eq: $id}}]},
            orderBy: {field: NAME}, first: 20) {
      totalCount
      nodes { id name birthDate municipality }
    }
  }`,
  client: `query Client($id: ID!, $lang: Language!, $asOf: Date) {
    client(id: $id) {
      id
      name
      birthDate
      municipality
      gaps(asOf: $asOf) {
        rule
        severity
        subjectType
        subjectId
        clientId
        evidence { label id }
        title(lang: $lang)
        explanation(lang: $lang)
        remedy(lang: $lang)
      }
    }
  }`,
  // A professional's own work. The professional is named in the form until callers
  // sign in; then it is the signed-in caller.
  myWork: `query MyWork($professional: ID!, $lang: Language!, $asOf: Date) {
    myWork(professional: $professional, asOf: $asOf) {
      professional { id name }
      clients { client { id name } worstSeverity gaps { rule title(lang: $lang) } }
      incomingHandoffs { id requested client { id name } fromOrg { name } toOrg { name } }
      plansDueForReview { id kind reviewDate client { id name } }
    }
  }`,
};

const TEXTS = JSON.parse(document.getElementById("texts").textContent);
const LANG = document.documentElement.lang === "en" ? "en" : "fi";
const PARAMS = new URLSearchParams(window.location.search);
// "As of" another day than today, for looking back (and for tests on fixed data).
const AS_OF = /^\d{4}-\d{2}-\d{2}$/.test(PARAMS.get("as_of") || "") ? PARAMS.get("as_of") : null;

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

// A query or mutation that reports the error's code (CONFLICT, FORBIDDEN, ...) rather
// than throwing, so each refusal can be explained (coordinator-actions.js).
async function send(query, variables) {
  let response;
  let body;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        // The session cookie alone is not enough: no other site can add this header.
        "X-Requested-With": "graphsvc",
      },
      body: JSON.stringify({ query, variables }),
    });
    body = await response.json();
  } catch (error) {
    return { error: { code: "UNAVAILABLE", message: response ? `HTTP ${response.status}` : String(error) } };
  }
  if (body.errors && body.errors.length) {
    const first = body.errors[0];
    const code = (first.extensions && first.extensions.code) || "";
    return { error: { code, message: body.errors.map((e) => e.message).join("; ") } };
  }
  if (!response.ok) {
    return { error: { code: "UNAVAILABLE", message: `HTTP ${response.status}` } };
  }
  return { data: body.data };
}

async function graphql(query, variables) {
  const { data, error } = await send(query, variables);
  if (error) {
    throw new Error(error.message);
  }
  return data;
}

const status = document.getElementById("status");

function setStatus(message, isError) {
  status.textContent = message;
  status.classList.toggle("error", Boolean(isError));
}

function element(tag, text, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

function describeClient(client) {
  const parts = [`${TEXTS.born} ${client.birthDate}`];
  if (client.municipality) parts.push(client.municipality);
  parts.push(`${TEXTS.client_id} ${client.id}`);
  return parts.join(", ");
}

async function search(text) {
  const results = document.getElementById("results");
  const section = document.getElementById("results-section");
  const query = text.trim();
  if (query.length < 2) {
    setStatus(TEXTS.too_short, true);
    return;
  }
  setStatus(TEXTS.searching);
  let data;
  try {
    data = await graphql(QUERIES.findClients, { text: query, id: query });
  } catch (error) {
    setStatus(say(TEXTS.failed, { message: error.message }), true);
    return;
  }
  const clients = data.clients.nodes;
  results.replaceChildren();
  for (const client of clients) {
    const button = element("button", `${client.name} (${describeClient(client)})`, {
      type: "button",
      class: "link",
      "data-client": client.id,
    });
    button.addEventListener("click", () => openClient(client.id));
    const item = element("li");
    item.append(button);
    results.append(item);
  }
  section.hidden = clients.length === 0;
  setStatus(clients.length ? say(TEXTS.found, { n: data.clients.totalCount }) : TEXTS.none_found,
    clients.length === 0);
  if (clients.length === 1) await openClient(clients[0].id);
}

function showGaps(gaps) {
  const list = document.getElementById("gaps");
  list.replaceChildren();
  for (const gap of gaps) {
    const item = element("li", null, {
      "data-rule": gap.rule,
      "data-subject-type": gap.subjectType,
      "data-subject-id": gap.subjectId,
    });
    item.append(element("h4", gap.title));
    item.append(element("p", `${TEXTS.severity}: ${TEXTS[gap.severity] || gap.severity}`));
    const what = element("p");
    what.append(element("strong", `${TEXTS.explanation}: `), gap.explanation);
    const todo = element("p");
    todo.append(element("strong", `${TEXTS.remedy}: `), gap.remedy);
    item.append(what, todo);
    list.append(item);
  }
  document.getElementById("no-gaps").hidden = gaps.length > 0;
  document.getElementById("gaps-heading").textContent = `${TEXTS.gaps} (${gaps.length})`;
  // the actions (coordinator-actions.js) offer their fixes for the gaps now listed
  document.dispatchEvent(new CustomEvent("graphsvc:gaps-shown", { detail: gaps }));
}

function remember(clientId) {
  const url = new URL(window.location.href);
  url.searchParams.set("client", clientId);
  url.searchParams.set("lang", LANG);
  url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  for (const lang of ["fi", "en"]) {
    const link = document.getElementById(`lang-${lang}`);
    const target = new URLSearchParams({ lang, client: clientId });
    if (AS_OF) target.set("as_of", AS_OF);
    link.href = `/?${target}`;
  }
}

async function openClient(clientId) {
  setStatus(TEXTS.loading);
  let data;
  try {
    data = await graphql(QUERIES.client, { id: clientId, lang: LANG.toUpperCase(), asOf: AS_OF });
  } catch (error) {
    setStatus(say(TEXTS.failed, { message: error.message }), true);
    return;
  }
  const client = data.client;
  if (!client) {
    setStatus(TEXTS.none_found, true);
    return;
  }
  const section = document.getElementById("client");
  section.hidden = false;
  const heading = document.getElementById("client-heading");
  heading.textContent = client.name;
  document.getElementById("client-facts").textContent = describeClient(client);
  showGaps(client.gaps);
  const mapParams = new URLSearchParams({ lang: LANG });
  if (AS_OF) mapParams.set("as_of", AS_OF);
  const mapUrl = `/maps/clients/${encodeURIComponent(client.id)}?${mapParams}`;
  document.getElementById("map-link").href = mapUrl;
  const frame = document.getElementById("map");
  frame.title = `${TEXTS.map}: ${client.name}`;
  frame.src = `${mapUrl}&embed=1`;
  section.dataset.client = client.id;
  remember(client.id);
  setStatus("");
  heading.focus();
  // the actions (coordinator-actions.js) read the client's records for their forms
  document.dispatchEvent(new CustomEvent("graphsvc:client-shown", { detail: client }));
}

function clientButton(client, text) {
  const button = element("button", text, { type: "button", class: "link", "data-client": client.id });
  button.addEventListener("click", () => openClient(client.id));
  return button;
}

function fill(list, items, build) {
  list.replaceChildren();
  for (const item of items) {
    const row = element("li");
    row.append(...build(item));
    list.append(row);
  }
  if (!items.length) list.append(element("li", TEXTS.nothing));
}

async function showWork(professional) {
  const id = professional.trim();
  if (!id) return;
  setStatus(TEXTS.loading);
  let data;
  try {
    data = await graphql(QUERIES.myWork, { professional: id, lang: LANG.toUpperCase(), asOf: AS_OF });
  } catch (error) {
    setStatus(say(TEXTS.failed, { message: error.message }), true);
    return;
  }
  const work = data.myWork;
  const result = document.getElementById("mywork-result");
  if (!work) {
    result.hidden = true;
    setStatus(TEXTS.no_professional, true);
    return;
  }
  fill(document.getElementById("work-clients"), work.clients, (line) => [
    clientButton(line.client, line.client.name),
    element("span", ` ${say(TEXTS.gap_count, {
      n: line.gaps.length, worst: TEXTS[line.worstSeverity] || line.worstSeverity })}: `
      + line.gaps.map((gap) => gap.title).join("; ")),
  ]);
  fill(document.getElementById("work-handoffs"), work.incomingHandoffs, (handoff) => [
    clientButton(handoff.client, handoff.client.name),
    element("span", ` ${handoff.fromOrg ? handoff.fromOrg.name : ""} → `
      + `${handoff.toOrg ? handoff.toOrg.name : ""}, ${say(TEXTS.requested_on, { date: handoff.requested })}`),
  ]);
  fill(document.getElementById("work-plans"), work.plansDueForReview, (plan) => [
    clientButton(plan.client, plan.client.name),
    element("span", ` ${TEXTS[`plan_${plan.kind}`] || plan.kind}, `
      + say(TEXTS.review_on, { date: plan.reviewDate })),
  ]);
  result.hidden = false;
  setStatus("");
  document.getElementById("work-clients-heading").focus();
}

document.getElementById("mywork-form").addEventListener("submit", (event) => {
  event.preventDefault();
  showWork(document.getElementById("professional").value);
});

document.getElementById("search").addEventListener("submit", (event) => {
  event.preventDefault();
  search(document.getElementById("q").value);
});

if (PARAMS.get("professional")) {
  document.getElementById("professional").value = PARAMS.get("professional");
  showWork(PARAMS.get("professional"));
}
if (PARAMS.get("client")) {
  openClient(PARAMS.get("client"));
} else if (PARAMS.get("q")) {
  document.getElementById("q").value = PARAMS.get("q");
  search(PARAMS.get("q"));
}
