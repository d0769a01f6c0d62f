// rotation web page: a little JavaScript on top of plain HTML forms (they work without it).
"use strict";

function setupUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const zone = document.getElementById("drop-zone");
  const input = document.getElementById("file-input");
  const name = document.getElementById("file-name");
  const message = document.getElementById("upload-message");
  const limit = 20 * 1024 * 1024;
  const show = () => { name.textContent = input.files.length ? input.files[0].name : ""; };
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach((kind) => zone.addEventListener(kind, (event) => {
    event.preventDefault();
    zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((kind) => zone.addEventListener(kind, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  form.addEventListener("submit", (event) => {
    const file = input.files[0];
    let problem = "";
    if (!file) problem = form.dataset.noFile;
    else if (file.size > limit) problem = form.dataset.tooLarge;
    if (problem) {
      event.preventDefault();
      message.textContent = problem;
      message.hidden = false;
    }
  });
}

function setupThemes() {
  const list = document.getElementById("themes");
  if (!list) return;
  const template = document.getElementById("theme-template");
  document.getElementById("add-theme").addEventListener("click", () => {
    list.appendChild(template.content.cloneNode(true));
    list.lastElementChild.querySelector("input").focus();
  });
  list.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const item = button.closest("li");
    if (button.classList.contains("remove")) {
      if (list.children.length > 1) item.remove();
      else item.querySelector("input").value = "";
    } else if (button.classList.contains("up") && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (button.classList.contains("down") && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    }
  });
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}

function figure(value) {
  if (value === null || value === undefined) return "-";
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function setupProgress() {
  const line = document.getElementById("progress");
  if (!line) return;
  const stopForm = document.getElementById("stop-form");
  const poll = async () => {
    let status;
    try {
      const response = await fetch(line.dataset.statusUrl, { cache: "no-store" });
      status = await response.json();
    } catch (error) {
      setTimeout(poll, 1000);
      return;
    }
    if (status.status !== "running") {
      window.location.reload();
      return;
    }
    const elapsed = Math.round(status.elapsed);
    let text;
    if (status.queued) text = fill(line.dataset.queued, { ahead: status.ahead });
    else if (!status.progress) text = fill(line.dataset.first, { elapsed });
    else text = fill(line.dataset.line, {
      elapsed,
      repeat: figure(status.progress.repeat_encounters),
      repeat_bound: figure(status.bounds.repeat_encounters),
      org: figure(status.progress.same_organisation_pairs),
      org_bound: figure(status.bounds.same_organisation_pairs),
    });
    if (status.stop_requested) text += " · " + line.dataset.stopping;
    line.textContent = text;
    setTimeout(poll, 500);
  };
  poll();
  stopForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    document.getElementById("stop-button").disabled = true;
    await fetch(stopForm.dataset.stopUrl, { method: "POST" });
  });
}

function setupSearch() {
  const search = document.getElementById("person-search");
  if (!search) return;
  const items = Array.from(document.querySelectorAll(".itinerary"));
  const message = document.getElementById("search-message");
  search.addEventListener("input", () => {
    const query = search.value.trim().toLowerCase();
    items.forEach((item) => { item.hidden = true; });
    message.textContent = "";
    if (!query) return;
    const matches = items.filter((item) => item.dataset.name.includes(query));
    const exact = matches.filter((item) => item.dataset.name === query);
    const shown = exact.length === 1 ? exact : matches;
    if (shown.length === 0) message.textContent = search.dataset.none;
    else if (shown.length === 1) shown[0].hidden = false;
    else message.textContent = fill(search.dataset.more, { count: shown.length });
  });
}

function setupAbsentFilter() {
  const filter = document.getElementById("absent-filter");
  if (!filter) return;
  const people = Array.from(document.querySelectorAll("label.absent"));
  filter.addEventListener("input", () => {
    const query = filter.value.trim().toLowerCase();
    people.forEach((label) => {
      label.hidden = Boolean(query) && !label.dataset.name.includes(query);
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupAbsentFilter();
  setupUpload();
  setupThemes();
  setupProgress();
  setupSearch();
});
