// Draws the planner page's charts with Vega-Lite from the reports the server put in
// the page (#reports). Suppressed cells ("<5") are left out of bars and shown as
// text where a chart labels cells. window.graphsvcPlanning says what was drawn.
(function () {
  "use strict";
  const reports = JSON.parse(document.getElementById("reports").textContent);
  const state = { drawn: {}, failed: {}, done: false };
  window.graphsvcPlanning = state;
  const isNum = (v) => typeof v === "number";

  function rows(report, name) {
    const table = report.tables.find((t) => t.name === name);
    return table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i]])));
  }

  function draw(name, spec) {
    const element = document.getElementById("chart-" + name);
    if (!element || !reports[name]) return Promise.resolve();
    const options = { actions: false, renderer: "svg", defaultStyle: false };
    return vegaEmbed(element, spec(reports[name]), options).then(
      () => { element.dataset.state = "drawn"; state.drawn[name] = true; },
      (error) => {
        element.dataset.state = "failed";
        element.textContent = "The chart could not be drawn: " + error.message;
        state.failed[name] = String(error);
      }
    );
  }

  function shared(report) {
    const values = [];
    for (const r of rows(report, "pairs").filter((r) => r.band === "all")) {
      for (const [row, col, share] of [[r.side_a, r.side_b, r.share_of_a], [r.side_b, r.side_a, r.share_of_b]]) {
        const label = isNum(share) ? Math.round(share * 100) + " %" : share === null ? "" : String(share);
        values.push({ row, col, share: isNum(share) ? share : null, label });
      }
    }
    const x = { field: "col", type: "nominal", title: "also a client of" };
    const y = { field: "row", type: "nominal", title: "clients of" };
    return {
      data: { values },
      layer: [
        { mark: "rect", encoding: { x, y, color: { field: "share", type: "quantitative", title: "share", scale: { scheme: "blues", domain: [0, 1] } } } },
        { mark: { type: "text", fontSize: 9 }, encoding: { x, y, text: { field: "label" } } },
      ],
    };
  }

  function flows(report) {
    const pairs = rows(report, "pairs");
    const left = [...new Set(pairs.map((p) => p.from_org))];
    const right = [...new Set(pairs.map((p) => p.to_org))];
    const links = pairs.map((p) => ({
      x0: 0, x1: 1, y0: left.indexOf(p.from_org), y1: right.indexOf(p.to_org),
      from: p.from_org, to: p.to_org, handoffs: String(p.handoffs), broken_share: String(p.broken_share),
      width: isNum(p.handoffs) ? p.handoffs : 1, broken: isNum(p.broken_share) ? p.broken_share : 0,
    }));
    const n = Math.max(left.length, right.length, 1);
    const y = { type: "quantitative", axis: null, scale: { domain: [-0.5, n - 0.5], reverse: true } };
    const x = { type: "quantitative", axis: null, scale: { domain: [-1, 2] } };
    const labels = (names, at, align, dx) => ({
      data: { values: names.map((name, i) => ({ name, x: at, y: i })) },
      mark: { type: "text", align, dx },
      encoding: { x: { ...x, field: "x" }, y: { ...y, field: "y" }, text: { field: "name" } },
    });
    return {
      width: 700,
      height: Math.max(120, 26 * n),
      layer: [
        {
          data: { values: links },
          mark: { type: "rule", opacity: 0.8 },
          encoding: {
            x: { ...x, field: "x0" }, x2: { field: "x1" }, y: { ...y, field: "y0" }, y2: { field: "y1" },
            strokeWidth: { field: "width", type: "quantitative", title: "handoffs", scale: { range: [1, 14] } },
            color: { field: "broken", type: "quantitative", title: "broken share", scale: { scheme: "reds", domain: [0, 1] } },
            tooltip: [{ field: "from" }, { field: "to" }, { field: "handoffs" }, { field: "broken_share" }],
          },
        },
        labels(left, 0, "right", -4),
        labels(right, 1, "left", 4),
      ],
    };
  }

  function bottlenecks(report) {
    const units = rows(report, "units").filter((u) => isNum(u.betweenness));
    const loads = rows(report, "caseloads").filter((c) => isNum(c.median_caseload));
    return {
      vconcat: [
        {
          title: "Units by betweenness",
          data: { values: units },
          mark: "bar",
          encoding: { x: { field: "betweenness", type: "quantitative" }, y: { field: "unit", type: "nominal", sort: "-x" } },
        },
        {
          title: "Caseload per profession: median (bar) and p90 (tick)",
          data: { values: loads },
          layer: [
            { mark: "bar", encoding: { x: { field: "median_caseload", type: "quantitative", title: "clients" }, y: { field: "profession", type: "nominal" } } },
            { mark: { type: "tick", color: "#c62828" }, encoding: { x: { field: "p90_caseload", type: "quantitative" }, y: { field: "profession", type: "nominal" } } },
          ],
        },
      ],
    };
  }

  function pathways(report) {
    const outcomes = ["completed", "in_progress", "dropped_out", "skipped", "reordered"];
    const values = [];
    for (const r of rows(report, "conformance")) {
      for (const outcome of outcomes) {
        if (isNum(r[outcome])) values.push({ pathway: r.pathway, outcome, clients: r[outcome] });
      }
    }
    const waits = rows(report, "waits").filter((w) => isNum(w.median_days))
      .map((w) => ({ ...w, step: w.pathway + ": " + w.from_step + " \u2192 " + w.to_step }));
    return {
      vconcat: [
        {
          title: "Clients by how they follow the pathway",
          data: { values },
          mark: "bar",
          encoding: {
            x: { field: "clients", type: "quantitative", stack: "zero" },
            y: { field: "pathway", type: "nominal" },
            color: { field: "outcome", type: "nominal", sort: outcomes },
          },
        },
        {
          title: "Waiting between steps, days (median bar, p90 tick)",
          data: { values: waits },
          layer: [
            { mark: "bar", encoding: { x: { field: "median_days", type: "quantitative", title: "days" }, y: { field: "step", type: "nominal" } } },
            { mark: { type: "tick", color: "#c62828" }, encoding: { x: { field: "p90_days", type: "quantitative" }, y: { field: "step", type: "nominal" } } },
          ],
        },
      ],
    };
  }

  function burden(report) {
    const distribution = rows(report, "distribution").filter((d) => isNum(d.families));
    const trend = [];
    for (const r of rows(report, "over_time")) {
      for (const figure of ["median", "p90", "mean"]) {
        if (isNum(r[figure])) trend.push({ date: r.date, figure, burden: r[figure] });
      }
    }
    return {
      hconcat: [
        {
          title: "Families by burden index",
          data: { values: distribution },
          mark: "bar",
          encoding: {
            x: { field: "burden", type: "ordinal", sort: null, title: "burden" },
            y: { field: "families", type: "quantitative" },
          },
        },
        {
          title: "Burden over time",
          data: { values: trend },
          mark: { type: "line", point: true },
          encoding: {
            x: { field: "date", type: "temporal" },
            y: { field: "burden", type: "quantitative" },
            color: { field: "figure", type: "nominal" },
          },
        },
      ],
    };
  }

  Promise.all([
    draw("shared-clients", shared),
    draw("handoff-flows", flows),
    draw("bottlenecks", bottlenecks),
    draw("pathway-conformance", pathways),
    draw("coordination-burden", burden),
  ]).then(() => { state.done = true; });
})();
