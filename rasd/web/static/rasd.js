/* Rasd: helpers shared by the pages. Plain JS, no build step. Text from the data is only ever put
   into the page as text nodes (textContent), never as HTML. */
window.Rasd = (function () {
  "use strict";

  // ACLED's event types, in the order of the legend, with their colours (the same as in rasd.css)
  var TYPES = [
    ["Battles", "#c0392b"],
    ["Explosions/Remote violence", "#e67e22"],
    ["Violence against civilians", "#8e44ad"],
    ["Protests", "#2471a3"],
    ["Riots", "#138d75"],
    ["Strategic developments", "#6c7a89"]
  ];
  var COLOUR = {};
  TYPES.forEach(function (t) { COLOUR[t[0]] = t[1]; });
  var FILTERS = ["since", "until", "type", "actor", "country", "admin1"];

  /* el("a", {href: "/x", class: "y"}, "text", otherNode): a DOM element; strings become text nodes. */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "class") e.className = v;
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    });
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }

  function add(parent, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { add(parent, k); }); return; }
    parent.appendChild(typeof kid === "object" ? kid : document.createTextNode(String(kid)));
  }

  /* Arabic text, isolated and right to left inside a left-to-right page. */
  function ar(text) {
    return text ? el("bdi", {dir: "rtl", lang: "ar", class: "ar"}, text) : null;
  }

  /* A place as "سيئون Seiyun": the Arabic as the article spells it, then the gazetteer's name. */
  function place(arName, enName) {
    var out = [];
    if (arName) out.push(ar(arName));
    if (enName && enName !== arName) out.push(el("span", {class: "en"}, (arName ? " " : "") + enName));
    return out.length ? out : ["unknown place"];
  }

  function colour(type) { return COLOUR[type] || "#555"; }

  function typeClass(type) {
    return "t-" + String(type || "other").toLowerCase().replace(/\//g, "-").replace(/ /g, "-");
  }

  /* The filters in the address bar, without the empty ones. */
  function filters() {
    var q = new URLSearchParams(window.location.search), out = new URLSearchParams();
    FILTERS.forEach(function (k) { var v = q.get(k); if (v) out.set(k, v.trim()); });
    return out;
  }

  function getJSON(url) {
    return fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"}).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  function cookie(name) {
    var m = document.cookie.split("; ").filter(function (c) { return c.indexOf(name + "=") === 0; })[0];
    return m ? decodeURIComponent(m.slice(name.length + 1)) : null;
  }

  return {TYPES: TYPES, FILTERS: FILTERS, el: el, add: add, ar: ar, place: place, colour: colour,
          typeClass: typeClass, filters: filters, getJSON: getJSON, cookie: cookie};
})();
