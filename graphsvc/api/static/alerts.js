// Live alerts on the coordinator page: while a client is shown (for today), gaps that
// open or close for them appear in the list without a reload. It subscribes to
// gapChanges over graphql-transport-ws on /graphql (the session cookie signs the
// WebSocket in) and watches the page's client section for the client shown; it
// uses the page's texts and list markup and changes nothing else on the page.
"use strict";

(function () {
  const SUBSCRIPTION = `subscription Alerts($client: ID!, $after: Int, $lang: Language!) {
    gapChanges(client: $client, after: $after) {
      seq change
      gap { rule severity subjectType subjectId title(lang: $lang) explanation(lang: $lang) remedy(lang: $lang) }
    }
  }`;
  const section = document.getElementById("client");
  const list = document.getElementById("gaps");
  if (!section || !list || !window.WebSocket) return;
  const TEXTS = JSON.parse(document.getElementById("texts").textContent);
  const LANG = document.documentElement.lang === "en" ? "en" : "fi";
  // Looking back at another day: nothing live to show.
  if (new URLSearchParams(window.location.search).get("as_of")) return;

  let socket = null;
  let client = "";
  let lastSeq = null;
  let retry = 1000;

  const status = document.createElement("p");
  status.id = "alerts-status";
  status.className = "hint";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  list.after(status);

  function same(item, gap) {
    return item.dataset.rule === gap.rule &&
      (!item.dataset.subjectId || item.dataset.subjectId === gap.subjectId);
  }

  function count() {
    const n = list.children.length;
    document.getElementById("gaps-heading").textContent = `${TEXTS.gaps} (${n})`;
    document.getElementById("no-gaps").hidden = n > 0;
  }

  function opened(gap) {
    if ([...list.children].some((item) => same(item, gap))) return;
    const item = document.createElement("li");
    item.dataset.rule = gap.rule;
    item.dataset.subjectType = gap.subjectType;
    item.dataset.subjectId = gap.subjectId;
    item.className = "new";
    const title = document.createElement("h4");
    title.textContent = gap.title;
    const severity = document.createElement("p");
    severity.textContent = `${TEXTS.severity}: ${TEXTS[gap.severity] || gap.severity}`;
    const what = document.createElement("p");
    const whatLabel = document.createElement("strong");
    whatLabel.textContent = `${TEXTS.explanation}: `;
    what.append(whatLabel, gap.explanation);
    const todo = document.createElement("p");
    const todoLabel = document.createElement("strong");
    todoLabel.textContent = `${TEXTS.remedy}: `;
    todo.append(todoLabel, gap.remedy);
    item.append(title, severity, what, todo);
    list.prepend(item);
    status.textContent = `+ ${gap.title}`;
  }

  function closed(gap) {
    const item = [...list.children].find((each) => same(each, gap));
    if (item) item.remove();
    status.textContent = `- ${gap.title}`;
  }

  function connect() {
    if (!client) return;
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/graphql`;
    const ws = new WebSocket(url, "graphql-transport-ws");
    const watching = client;
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: "connection_init" }));
    ws.onmessage = (message) => {
      const data = JSON.parse(message.data);
      if (data.type === "connection_ack") {
        retry = 1000;
        const variables = { client: watching, after: lastSeq, lang: LANG.toUpperCase() };
        ws.send(JSON.stringify({
          id: "alerts", type: "subscribe", payload: { query: SUBSCRIPTION, variables },
        }));
      } else if (data.type === "next" && data.payload.data) {
        const change = data.payload.data.gapChanges;
        lastSeq = change.seq;
        if (change.change === "OPENED") opened(change.gap); else closed(change.gap);
        count();
      } else if (data.type === "ping") {
        ws.send(JSON.stringify({ type: "pong" }));
      }
    };
    ws.onclose = () => {
      if (socket !== ws || client !== watching) return;
      socket = null;
      // Reconnect (after the last change seen: nothing is missed) with a growing pause.
      window.setTimeout(connect, retry);
      retry = Math.min(retry * 2, 60000);
    };
  }

  function watch() {
    const shown = section.hidden ? "" : section.dataset.client || "";
    if (shown === client) return;
    client = shown;
    lastSeq = null;
    status.textContent = "";
    if (socket) {
      const old = socket;
      socket = null;
      old.close();
    }
    connect();
  }

  new MutationObserver(watch).observe(section, {
    attributes: true, attributeFilter: ["data-client", "hidden"],
  });
  watch();
})();
