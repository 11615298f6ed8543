/* newsdesk: the little script the pages use (no library, nothing but this server).
   The map of /places: zoom (wheel, pinch, buttons), pan (drag), and places closer than a
   few pixels grouped into one numbered circle until zoomed in.
   The speaker fields: a combobox (ARIA 1.2 pattern: arrows, Enter, Escape) offering the names
   /api/speakers finds for what is typed; without the script they stay plain text fields. */
"use strict";
(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const GROUP_PX = 26;

  function setUpMap(figure) {
    const svg = figure.querySelector("svg.worldmap");
    if (!svg) return;
    const whole = svg.viewBox.baseVal;
    const full = { x: whole.x, y: whole.y, w: whole.width, h: whole.height };
    let view = { ...full };
    const places = Array.from(svg.querySelectorAll("circle.place")).map((c) => ({
      circle: c,
      link: c.parentNode,
      x: +c.getAttribute("cx"),
      y: +c.getAttribute("cy"),
      r: +c.getAttribute("r"),
      count: +(c.dataset.count || 1),
    }));
    const clusters = document.createElementNS(SVGNS, "g");
    clusters.setAttribute("class", "clusters");
    svg.appendChild(clusters);

    function scale() { return full.w / view.w; }

    function draw() {
      svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
      figure.dataset.zoom = scale().toFixed(2);
      const unitsPerPx = view.w / (svg.clientWidth || 960);
      const cell = GROUP_PX * unitsPerPx;
      const groups = new Map();
      for (const p of places) {
        const key = `${Math.floor(p.x / cell)},${Math.floor(p.y / cell)}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(p);
      }
      clusters.replaceChildren();
      for (const members of groups.values()) {
        const single = members.length === 1;
        for (const p of members) {
          p.link.style.display = single ? "" : "none";
          p.circle.setAttribute("r", (p.r / Math.sqrt(scale())).toFixed(3));
        }
        if (single) continue;
        const total = members.reduce((n, p) => n + p.count, 0);
        const cx = members.reduce((s, p) => s + p.x * p.count, 0) / total;
        const cy = members.reduce((s, p) => s + p.y * p.count, 0) / total;
        const r = Math.min(5 + Math.sqrt(members.length) * 2, 14) * unitsPerPx;
        const c = document.createElementNS(SVGNS, "circle");
        c.setAttribute("class", "cluster");
        c.setAttribute("cx", cx); c.setAttribute("cy", cy); c.setAttribute("r", r);
        const title = document.createElementNS(SVGNS, "title");
        title.textContent = `${members.length} places, ${total} citations: zoom in to see them`;
        c.appendChild(title);
        c.addEventListener("click", () => zoomAt(cx, cy, 2.5));
        const t = document.createElementNS(SVGNS, "text");
        t.setAttribute("class", "cluster-count");
        t.setAttribute("x", cx); t.setAttribute("y", cy);
        t.setAttribute("font-size", (11 * unitsPerPx).toFixed(3));
        t.textContent = String(members.length);
        clusters.append(c, t);
      }
    }

    function clamp() {
      view.w = Math.min(full.w, Math.max(full.w / 64, view.w));
      view.h = view.w * full.h / full.w;
      view.x = Math.min(full.x + full.w - view.w, Math.max(full.x, view.x));
      view.y = Math.min(full.y + full.h - view.h, Math.max(full.y, view.y));
    }

    function zoomAt(x, y, factor) {
      const w = view.w / factor, h = view.h / factor;
      view = { x: x - (x - view.x) / factor, y: y - (y - view.y) / factor, w, h };
      clamp();
      draw();
    }

    function toMap(event) {
      const box = svg.getBoundingClientRect();
      return {
        x: view.x + (event.clientX - box.left) / box.width * view.w,
        y: view.y + (event.clientY - box.top) / box.height * view.h,
      };
    }

    figure.querySelectorAll("[data-zoom]").forEach((button) => {
      button.addEventListener("click", () => {
        const mode = button.dataset.zoom;
        if (mode === "reset") { view = { ...full }; draw(); return; }
        zoomAt(view.x + view.w / 2, view.y + view.h / 2, mode === "in" ? 2 : 0.5);
      });
    });
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const at = toMap(event);
      zoomAt(at.x, at.y, event.deltaY < 0 ? 1.5 : 1 / 1.5);
    }, { passive: false });

    const pointers = new Map();
    let last = null, pinch = null, moved = false;
    svg.addEventListener("pointerdown", (event) => {
      pointers.set(event.pointerId, event);
      last = event; moved = false;
      if (pointers.size === 2) {
        const [a, b] = Array.from(pointers.values());
        pinch = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
      }
    });
    svg.addEventListener("pointermove", (event) => {
      if (!pointers.has(event.pointerId)) return;
      pointers.set(event.pointerId, event);
      if (pointers.size === 2 && pinch) {
        const [a, b] = Array.from(pointers.values());
        const d = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
        const mid = toMap({ clientX: (a.clientX + b.clientX) / 2, clientY: (a.clientY + b.clientY) / 2 });
        zoomAt(mid.x, mid.y, d / pinch);
        pinch = d;
        return;
      }
      if (!last) return;
      const box = svg.getBoundingClientRect();
      const dx = (event.clientX - last.clientX) / box.width * view.w;
      const dy = (event.clientY - last.clientY) / box.height * view.h;
      if (Math.abs(event.clientX - last.clientX) + Math.abs(event.clientY - last.clientY) > 2) {
        moved = true;
        svg.setPointerCapture(event.pointerId);
      }
      view.x -= dx; view.y -= dy; last = event;
      clamp(); draw();
    });
    const release = (event) => {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = null;
      if (pointers.size === 0) last = null;
    };
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    svg.addEventListener("click", (event) => { if (moved) { event.preventDefault(); moved = false; } }, true);
    window.addEventListener("resize", draw);
    draw();
  }

  document.querySelectorAll("figure.map").forEach(setUpMap);

  function setUpCombo(input) {
    const list = document.createElement("ul");
    const status = document.createElement("span");
    list.id = input.id + "-names";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Speakers");
    list.hidden = true;
    status.className = "status";
    status.setAttribute("role", "status");
    input.after(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    let active = -1, asked = 0, timer = null;

    function options() { return Array.from(list.children); }
    function close() {
      list.hidden = true; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function mark(index) {
      const all = options();
      active = all.length ? (index + all.length) % all.length : -1;
      all.forEach((o, i) => o.setAttribute("aria-selected", i === active ? "true" : "false"));
      if (active < 0) { input.removeAttribute("aria-activedescendant"); return; }
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }
    function pick(option) {
      input.value = option.dataset.name;
      close();
      input.focus();
    }
    function show(found) {
      list.replaceChildren(...found.map((s, i) => {
        const li = document.createElement("li");
        const count = document.createElement("span");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.name = s.value;
        count.className = "meta";
        count.textContent = `${s.count.toLocaleString("en")} quotation${s.count === 1 ? "" : "s"}`;
        li.append(document.createTextNode(s.value), count);
        li.addEventListener("mousedown", (event) => { event.preventDefault(); pick(li); });
        return li;
      }));
      active = -1;
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      status.textContent = found.length
        ? `${found.length} name${found.length === 1 ? "" : "s"} found, arrows to choose`
        : "no speaker of that name";
    }
    async function suggest() {
      const typed = input.value.trim();
      const ticket = ++asked;
      if (typed.length < 2) { close(); return; }
      try {
        const answer = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(typed)}&limit=8`);
        if (!answer.ok || ticket !== asked) return;
        show(await answer.json());
      } catch (error) {
        close();
      }
    }
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
    input.addEventListener("keydown", (event) => {
      const open = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open) { suggest(); return; }
        mark(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        pick(options()[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest]").forEach(setUpCombo);
})();
