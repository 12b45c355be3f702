/* The map page: one set of filters (in the address bar) drives the map, the timeline and the table.
   Events come from /api/map (compact rows, reviews applied); the basemap from /basemap/*.geojson. */
(function () {
  "use strict";
  var R = window.Rasd, el = R.el;
  var state = {events: [], sortKey: "id", sortDir: 1, page: 0, size: 25, quick: "", fitted: false};
  var form = document.getElementById("filters");
  var mapEl = document.getElementById("map");

  /* ---------- filters ---------- */

  function formParams() {
    var out = new URLSearchParams();
    R.FILTERS.forEach(function (k) {
      var f = form.elements[k];
      if (f && f.value.trim()) out.set(k, f.value.trim());
    });
    return out;
  }

  function setForm(params) {
    R.FILTERS.forEach(function (k) { if (form.elements[k]) form.elements[k].value = params.get(k) || ""; });
  }

  function apply(params) {
    var qs = params.toString();
    window.history.replaceState(null, "", "/" + (qs ? "?" + qs : ""));
    state.page = 0;
    state.fitted = false;
    load();
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(formParams()); });
  document.getElementById("clear-filters").addEventListener("click", function (ev) {
    ev.preventDefault();
    setForm(new URLSearchParams());
    apply(new URLSearchParams());
  });

  function fillLists() {
    R.getJSON("/api/stats").then(function (st) {
      var lists = {countries: new Set(), governorates: new Set(), actors: new Set()};
      st.per_governorate.forEach(function (g) {
        if (g.country) lists.countries.add(g.country);
        if (g.admin1_ar) lists.governorates.add(g.admin1_ar);
        if (g.admin1) lists.governorates.add(g.admin1);
      });
      st.per_actor.forEach(function (a) { lists.actors.add(a.actor); });
      Object.keys(lists).forEach(function (id) {
        var dl = document.getElementById(id);
        lists[id].forEach(function (v) { dl.appendChild(el("option", {value: v})); });
      });
    }).catch(function () { /* the lists only help typing */ });
  }

  /* ---------- map ---------- */

  var map = L.map(mapEl, {zoomSnap: 0.5, minZoom: 3, maxZoom: 13, worldCopyJump: false});
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Borders: Natural Earth");
  map.setView([15.6, 47.5], 6);
  [["land", 250], ["bounds", 300], ["labels", 350]].forEach(function (p) {
    map.createPane(p[0]).style.zIndex = p[1];
  });
  map.getPane("labels").style.pointerEvents = "none";
  var eventsLayer = L.layerGroup().addTo(map);
  var labelsLayer = L.layerGroup().addTo(map);
  var admin1 = null;

  function loadBasemap() {
    var notice = document.getElementById("basemap-notice");
    Promise.all(["countries", "admin1"].map(function (n) {
      return fetch("/basemap/" + n + ".geojson").then(function (r) {
        if (!r.ok) throw new Error("no basemap");
        return r.json();
      });
    })).then(function (got) {
      L.geoJSON(got[0], {pane: "land", interactive: false,
        style: {color: "#8d8676", weight: 1.3, fillColor: "#f6f3ea", fillOpacity: 1}}).addTo(map);
      admin1 = got[1];
      L.geoJSON(admin1, {pane: "bounds",
        style: function (f) {
          return {color: "#a79f8d", weight: 0.8, dashArray: "3 3", fill: true, fillOpacity: 0,
                  className: "gov gov-" + String(f.properties.code || "").replace(/[^A-Za-z0-9-]/g, "")};
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindTooltip(el("div", {class: "gov-tip"}, R.ar(p.name_ar), el("div", {}, p.name_en || p.name),
                                 el("div", {class: "muted"}, p.country)), {sticky: true});
        }}).addTo(map);
      mapEl.setAttribute("data-basemap", "drawn");
      notice.hidden = true;
      drawLabels();
    }).catch(function () {
      mapEl.setAttribute("data-basemap", "missing");
      notice.hidden = false;
    });
  }

  /* Governorate names (Arabic, right to left) from zoom 6 on, those in view only. */
  function drawLabels() {
    labelsLayer.clearLayers();
    if (!admin1 || map.getZoom() < 6) return;
    var bounds = map.getBounds().pad(0.1), big = map.getZoom() >= 8, placed = [];
    admin1.features.forEach(function (f) {
      var p = f.properties;
      if (!p.label || !p.name_ar) return;
      var ll = L.latLng(p.label[1], p.label[0]);
      if (!bounds.contains(ll)) return;
      // a label that would overlap one already placed is left out (its tooltip still names it)
      var at = map.latLngToContainerPoint(ll), w = 4 + 7 * p.name_ar.length, h = big ? 30 : 18;
      var box = [at.x - w / 2, at.y - h / 2, at.x + w / 2, at.y + h / 2];
      if (placed.some(function (o) { return box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]; })) return;
      placed.push(box);
      var html = el("div", {class: "gov-label"}, R.ar(p.name_ar), big ? el("span", {class: "en"}, p.name_en || p.name) : null);
      L.marker(ll, {pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({className: "gov-label-icon", html: html, iconSize: null})}).addTo(labelsLayer);
    });
  }

  function radius(killed) { return Math.min(34, 6 + 2.6 * Math.sqrt(killed || 0)); }

  function eventPopup(e) {
    return el("div", {class: "pop"},
      el("strong", {}, e.sub_event_type), el("div", {class: "muted"}, e.event_type),
      el("div", {}, R.place(e.place_ar, e.place)),
      el("div", {class: "muted"}, R.ar(e.admin1_ar), e.admin1 ? " " + e.admin1 : "", e.country ? ", " + e.country : ""),
      el("div", {}, (e.date || "undated") + " · killed " + (e.fatalities === null ? "–" : e.fatalities)),
      el("div", {}, [e.actor1, e.actor2].filter(Boolean).join(" → ")),
      el("a", {href: "/events/" + e.id}, "Open event " + e.id + " →"));
  }

  function groupPopup(g) {
    var list = el("ul", {class: "pop-list"});
    g.slice(0, 20).forEach(function (e) {
      list.appendChild(el("li", {}, el("a", {href: "/events/" + e.id}, "#" + e.id + " " + e.sub_event_type),
        " ", R.place(e.place_ar, e.place), e.admin1_ar ? ", " : "", R.ar(e.admin1_ar),
        " · killed " + (e.fatalities === null ? "–" : e.fatalities)));
    });
    var lat = g.map(function (e) { return e.lat; }), lon = g.map(function (e) { return e.lon; });
    var spread = Math.max.apply(null, lat) - Math.min.apply(null, lat) + Math.max.apply(null, lon) - Math.min.apply(null, lon);
    var zoom = spread > 0 ? el("button", {type: "button", class: "link", onclick: function () {
      map.fitBounds(L.latLngBounds(g.map(function (e) { return [e.lat, e.lon]; })), {padding: [40, 40]});
    }}, "Zoom in") : null;
    return el("div", {class: "pop"}, el("strong", {}, g.length + " events here"), list,
      g.length > 20 ? el("div", {class: "muted"}, "and " + (g.length - 20) + " more: see the table") : null, zoom);
  }

  /* Events as circles (area by fatalities, colour by type). At each zoom, an event within ~36 px of
     a group's first event joins that group (greedy, looked up in a grid of that size), and a group
     of several is drawn as one numbered circle. */
  function drawEvents() {
    eventsLayer.clearLayers();
    var zoom = map.getZoom(), near = 36, grid = {}, list = [], shown = 0;
    state.events.forEach(function (e) {
      if (e.lat === null || e.lon === null) return;
      var p = map.project([e.lat, e.lon], zoom), cx = Math.floor(p.x / near), cy = Math.floor(p.y / near), hit = null;
      for (var dx = -1; dx <= 1 && !hit; dx++) {
        for (var dy = -1; dy <= 1 && !hit; dy++) {
          (grid[(cx + dx) + ":" + (cy + dy)] || []).some(function (g) {
            if (Math.abs(g.p.x - p.x) <= near && Math.abs(g.p.y - p.y) <= near) { hit = g; return true; }
            return false;
          });
        }
      }
      if (hit) { hit.events.push(e); return; }
      var g = {p: p, events: [e]};
      (grid[cx + ":" + cy] = grid[cx + ":" + cy] || []).push(g);
      list.push(g);
    });
    var groups = list.map(function (g) { return g.events; });
    groups.forEach(function (g) {
      shown += g.length;
      if (g.length === 1) {
        var e = g[0];
        L.circleMarker([e.lat, e.lon], {radius: radius(e.fatalities), color: "#fff", weight: 1.5,
          fillColor: R.colour(e.event_type), fillOpacity: 0.85, className: "rasd-event"})
          .bindPopup(eventPopup(e)).bindTooltip(e.sub_event_type + (e.place ? " · " + e.place : "")).addTo(eventsLayer);
        return;
      }
      var lat = 0, lon = 0, killed = 0, types = {};
      g.forEach(function (e) {
        lat += e.lat; lon += e.lon; killed += e.fatalities || 0;
        types[e.event_type] = (types[e.event_type] || 0) + 1;
      });
      var main = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; })[0];
      var at = [lat / g.length, lon / g.length];
      var r = Math.max(radius(killed), 11 + 3 * Math.sqrt(g.length));
      L.circleMarker(at, {radius: r, color: "#fff", weight: 2.5, fillColor: R.colour(main), fillOpacity: 0.8,
        className: "rasd-group"}).bindPopup(groupPopup(g)).addTo(eventsLayer);
      L.marker(at, {interactive: false, keyboard: false,
        icon: L.divIcon({className: "rasd-count", html: el("span", {}, String(g.length)), iconSize: [24, 24]})})
        .addTo(eventsLayer);
    });
    mapEl.setAttribute("data-shown", String(shown));
  }

  function fit() {
    var pts = state.events.filter(function (e) { return e.lat !== null && e.lon !== null; })
      .map(function (e) { return [e.lat, e.lon]; });
    // no animation: the circles are redrawn at once, and the page says it is loaded only then
    if (pts.length) map.fitBounds(L.latLngBounds(pts), {padding: [50, 50], maxZoom: 7, animate: false});
    state.fitted = true;
  }

  map.on("zoomend", drawEvents);
  map.on("moveend", drawLabels);

  function legend() {
    var box = document.getElementById("legend"), counts = {};
    box.textContent = "";
    state.events.forEach(function (e) { counts[e.event_type] = (counts[e.event_type] || 0) + 1; });
    R.TYPES.forEach(function (t) {
      box.appendChild(el("span", {class: "item" + (counts[t[0]] ? "" : " none")},
        el("span", {class: "swatch " + R.typeClass(t[0])}), t[0] + " (" + (counts[t[0]] || 0) + ")"));
    });
    box.appendChild(el("span", {class: "item muted"}, "Circle size: fatalities. A numbered circle groups nearby events."));
  }

  /* ---------- timeline ---------- */

  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.appendChild(document.createTextNode(text));
    return e;
  }

  function monday(iso) {
    var d = new Date(iso + "T00:00:00Z"), dow = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - dow);
    return d;
  }

  function isoDay(d) { return d.toISOString().slice(0, 10); }

  function timeline() {
    var box = document.getElementById("timeline");
    box.textContent = "";
    var weeks = {}, undated = 0;
    state.events.forEach(function (e) {
      if (!e.date) { undated++; return; }
      var w = isoDay(monday(e.date));
      weeks[w] = weeks[w] || {events: 0, killed: 0};
      weeks[w].events++;
      weeks[w].killed += e.fatalities || 0;
    });
    var keys = Object.keys(weeks).sort();
    var note = undated ? undated + " event" + (undated === 1 ? " has" : "s have") + " no date and " +
      (undated === 1 ? "is" : "are") + " not on the timeline." : "";
    if (!keys.length) {
      box.appendChild(el("p", {class: "muted", id: "timeline-empty"}, "No dated events under this filter. " + note));
      return;
    }
    var all = [], d = new Date(keys[0] + "T00:00:00Z"), end = new Date(keys[keys.length - 1] + "T00:00:00Z");
    while (d <= end && all.length < 2000) {
      var k = isoDay(d);
      all.push({week: k, events: (weeks[k] || {}).events || 0, killed: (weeks[k] || {}).killed || 0});
      d.setUTCDate(d.getUTCDate() + 7);
    }
    var W = Math.max(320, box.clientWidth || 800), H = 170, left = 40, right = 46, top = 12, bottom = 26;
    var iw = W - left - right, ih = H - top - bottom, bw = iw / all.length;
    var maxE = Math.max.apply(null, all.map(function (x) { return x.events; })) || 1;
    var maxK = Math.max.apply(null, all.map(function (x) { return x.killed; })) || 1;
    var s = svg("svg", {width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img",
                        "aria-label": "events and fatalities per week", class: "tl"});
    s.appendChild(svg("line", {x1: left, y1: top + ih, x2: left + iw, y2: top + ih, class: "axis"}));
    s.appendChild(svg("text", {x: left - 6, y: top + 8, "text-anchor": "end", class: "lbl ev"}, String(maxE)));
    s.appendChild(svg("text", {x: left + iw + 6, y: top + 8, class: "lbl k"}, String(maxK)));
    s.appendChild(svg("text", {x: left - 6, y: top + ih, "text-anchor": "end", class: "lbl"}, "0"));
    var pts = [], dots = [], every = Math.max(1, Math.ceil(all.length / 8));
    all.forEach(function (x, i) {
      var h = ih * x.events / maxE, xpos = left + i * bw, width = Math.max(1, Math.min(bw * 0.8, 36));
      var bar = svg("rect", {x: xpos + (bw - width) / 2, y: top + ih - h, width: width, height: h,
                             class: "bar", "data-week": x.week});
      bar.appendChild(svg("title", {}, "week of " + x.week + ": " + x.events + " events, " + x.killed + " killed"));
      bar.addEventListener("click", function () {
        var until = new Date(x.week + "T00:00:00Z");
        until.setUTCDate(until.getUTCDate() + 6);
        form.elements.since.value = x.week;
        form.elements.until.value = isoDay(until);
        apply(formParams());
      });
      s.appendChild(bar);
      var ky = top + ih - ih * x.killed / maxK;
      pts.push((xpos + bw / 2).toFixed(1) + "," + ky.toFixed(1));
      if (x.killed) dots.push(svg("circle", {cx: xpos + bw / 2, cy: ky, r: 3.5, class: "killed-dot"}));
      if (i % every === 0 || i === all.length - 1) {
        s.appendChild(svg("text", {x: xpos + bw / 2, y: H - 8, "text-anchor": "middle", class: "lbl"}, x.week));
      }
    });
    s.appendChild(svg("polyline", {points: pts.join(" "), class: "killed-line"}));
    dots.forEach(function (d) { s.appendChild(d); });
    box.appendChild(s);
    box.appendChild(el("p", {class: "muted tl-key"}, el("span", {class: "key-bar"}), " events per week (left scale)  ",
      el("span", {class: "key-line"}), " killed per week (right scale). Click a week to filter to it. " + note));
  }

  /* ---------- table ---------- */

  function sortValue(e, key) {
    if (key === "place") return (e.place || e.place_ar || "").toLowerCase();
    if (key === "admin1") return (e.admin1 || e.admin1_ar || "").toLowerCase();
    if (key === "actors") return [e.actor1, e.actor2].filter(Boolean).join(" ").toLowerCase();
    var v = e[key];
    return typeof v === "string" ? v.toLowerCase() : v;
  }

  function visibleRows() {
    var q = state.quick.trim().toLowerCase();
    var rows = state.events.filter(function (e) {
      if (!q) return true;
      return [e.sub_event_type, e.event_type, e.place, e.place_ar, e.admin1, e.admin1_ar, e.country, e.actor1,
              e.actor2, e.date, String(e.id)].some(function (v) { return v && String(v).toLowerCase().indexOf(q) >= 0; });
    });
    var k = state.sortKey, dir = state.sortDir;
    return rows.sort(function (a, b) {
      var x = sortValue(a, k), y = sortValue(b, k);
      if (x === y) return a.id - b.id;
      if (x === null || x === undefined || x === "") return 1;  // empty last, whichever way
      if (y === null || y === undefined || y === "") return -1;
      return (x < y ? -1 : 1) * dir;
    });
  }

  function table() {
    var rows = visibleRows(), body = document.querySelector("#events tbody");
    var pages = Math.max(1, Math.ceil(rows.length / state.size));
    state.page = Math.min(state.page, pages - 1);
    body.textContent = "";
    rows.slice(state.page * state.size, (state.page + 1) * state.size).forEach(function (e) {
      body.appendChild(el("tr", {"data-id": e.id},
        el("td", {}, el("a", {href: "/events/" + e.id}, String(e.id))),
        el("td", {class: "date"}, e.date || "undated"),
        el("td", {}, el("span", {class: "swatch " + R.typeClass(e.event_type), title: e.event_type}), e.sub_event_type),
        el("td", {class: "place"}, R.place(e.place_ar, e.place)),
        el("td", {}, R.place(e.admin1_ar, e.admin1)),
        el("td", {}, [e.actor1, e.actor2].filter(Boolean).join(" → ")),
        el("td", {class: "num"}, e.fatalities === null ? "–" : String(e.fatalities)),
        el("td", {}, el("span", {class: "badge status-" + e.review}, e.review),
           e.needs_review ? el("span", {class: "badge warn"}, "needs review") : null)));
    });
    if (!rows.length) body.appendChild(el("tr", {}, el("td", {colspan: 8, class: "muted"}, "No events under this filter.")));
    document.getElementById("page").textContent = "page " + (state.page + 1) + " of " + pages + " · " + rows.length +
      " event" + (rows.length === 1 ? "" : "s");
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#events th[data-key]").forEach(function (th) {
      var k = th.getAttribute("data-key");
      if (k === state.sortKey) th.setAttribute("aria-sort", state.sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  document.querySelectorAll("#events th[data-key] button").forEach(function (b) {
    b.addEventListener("click", function () {
      var k = b.parentNode.getAttribute("data-key");
      state.sortDir = k === state.sortKey ? -state.sortDir : (k === "fatalities" || k === "date" ? -1 : 1);
      state.sortKey = k;
      table();
    });
  });
  document.getElementById("prev").addEventListener("click", function () { state.page--; table(); });
  document.getElementById("next").addEventListener("click", function () { state.page++; table(); });
  document.getElementById("quick").addEventListener("input", function (ev) {
    state.quick = ev.target.value;
    state.page = 0;
    table();
  });

  /* ---------- loading ---------- */

  function downloads(params) {
    [["dl-csv", "acled-csv"], ["dl-jsonl", "jsonl"], ["dl-geojson", "geojson"]].forEach(function (d) {
      var p = new URLSearchParams(params);
      p.set("format", d[1]);
      document.getElementById(d[0]).setAttribute("href", "/api/export?" + p.toString());
    });
  }

  function summary(params, truncated) {
    var killed = 0, undated = 0;
    state.events.forEach(function (e) { killed += e.fatalities || 0; if (!e.date) undated++; });
    var parts = [];
    params.forEach(function (v, k) { parts.push(k + " = " + v); });
    var box = document.getElementById("summary");
    box.textContent = "";
    R.add(box, [el("strong", {id: "count"}, String(state.events.length)), " event" + (state.events.length === 1 ? "" : "s") +
      " · " + killed + " killed" + (undated ? " · " + undated + " undated" : "") +
      (parts.length ? " · filter: " : " · no filter"), parts.length ? el("span", {dir: "auto"}, parts.join(", ")) : null,
      truncated ? " · only the first " + state.events.length + " are shown" : null]);
  }

  function load() {
    var params = R.filters();
    setForm(params);
    downloads(params);
    document.getElementById("summary").textContent = "Loading events…";
    return R.getJSON("/api/map?" + params.toString()).then(function (body) {
      state.events = body.events;
      summary(params, body.truncated);
      if (!state.fitted) fit();
      drawEvents();
      legend();
      timeline();
      table();
      document.body.setAttribute("data-loaded", "yes");
    }).catch(function (err) {
      document.getElementById("summary").textContent = "Could not load events: " + err.message;
    });
  }

  loadBasemap();
  fillLists();
  load();
})();
