// The network view: fetch the graph JSON and draw it with Cytoscape.js (shipped in /static/vendor).
(function () {
  function text(el, value) { el.textContent = value; return el; }

  function showInfo(info, data, isEdge) {
    info.innerHTML = "";
    var h = document.createElement("h3");
    text(h, isEdge ? (data.label || "link") : data.label);
    info.appendChild(h);
    var p = document.createElement("p");
    p.className = "muted";
    text(p, isEdge ? "link" : (data.schema || data.kind));
    info.appendChild(p);
    if (!isEdge && data.schema) {
      var a = document.createElement("a");
      a.href = "/entities/" + encodeURIComponent(data.id);
      text(a, "Open the entity and its sources");
      info.appendChild(a);
      var b = document.createElement("p");
      var link = document.createElement("a");
      link.href = "/network?entity=" + encodeURIComponent(data.id);
      text(link, "Draw the network around it");
      b.appendChild(link);
      info.appendChild(b);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("graph");
    var status = document.getElementById("graph-status");
    var info = document.getElementById("graph-info");
    if (!box || typeof cytoscape === "undefined") { return; }
    fetch(box.getAttribute("data-src"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (!r.ok) { return r.json().then(function (e) { throw new Error(e.detail || r.statusText); }); }
        return r.json();
      })
      .then(function (data) {
        var cy = cytoscape({
          container: box,
          elements: data.elements,
          wheelSensitivity: 0.3,
          minZoom: 0.2,
          maxZoom: 1.6,
          style: [
            { selector: "node", style: {
              "background-color": "data(colour)", "label": "data(label)", "font-size": 10,
              "text-valign": "bottom", "text-margin-y": 3, "width": 18, "height": 18,
              "text-wrap": "ellipsis", "text-max-width": 140 } },
            { selector: "node[kind = 'phone'], node[kind = 'email'], node[kind = 'account']",
              style: { "width": 10, "height": 10, "shape": "diamond" } },
            { selector: "node[?attached]", style: { "border-width": 3, "border-color": "#000" } },
            { selector: "edge", style: {
              "width": 1.5, "line-color": "#999", "curve-style": "bezier", "label": "data(label)",
              "font-size": 8, "color": "#555", "text-rotation": "autorotate" } },
            { selector: ":selected", style: { "border-width": 4, "border-color": "#e67e22", "line-color": "#e67e22" } }
          ],
          // positions come from the server (the same layout as the dossier's picture)
          layout: { name: "preset", fit: true, padding: 30 }
        });
        cy.on("tap", "node", function (evt) { showInfo(info, evt.target.data(), false); });
        cy.on("tap", "edge", function (evt) { showInfo(info, evt.target.data(), true); });
        status.textContent = data.nodes + " nodes, " + data.edges + " links" +
          (data.truncated ? " (only the best-connected shown)" : "");
        box.setAttribute("data-ready", "1");
      })
      .catch(function (err) { status.textContent = "Could not draw the graph: " + err.message; });
  });
})();
