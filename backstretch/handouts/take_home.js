// The take-home page (take_home.py): the page's player above, fed from this file instead
// of a kernel. Here a small stand-in for the widget model hears the player's events, and
// replays them on a Play of its own, as the kernel replays them on a Session: it ticks the
// checklist, keeps the sessions, and saves both in this browser (localStorage), so a
// reload loses nothing. Nothing leaves the device but the file the person downloads.
// The page comes with every part drawn (take_home.py: the player's first step, the
// checklist, the pain scores), so this script only fills them in and nothing moves.
// Its words are the ones the page was made with (DATA.words, in the timeline's language).

const DATA = JSON.parse(document.getElementById("bs-data").textContent);
const TL = DATA.timeline;
const SAVED_AS = `backstretch.take-home.${DATA.store || TL.key}`;
const STATES = ["ready", "running", "paused", "finished"];
const WORDS = DATA.words || {};
const LANG = TL.lang || document.documentElement.lang || "en";
const NO_SESSION = document.getElementById("bs-sessions").textContent;
const host = document.getElementById("bs-player");
const KEYS_LINE = host.querySelector(".bs-keys").textContent;

const isObject = (x) => !!x && typeof x === "object" && !Array.isArray(x);
const painValue = (x) => (Number.isInteger(x) && x >= 0 && x <= 10 ? x : null);
const isSession = (s) => isObject(s) && Array.isArray(s.events) && s.events.length > 0 &&
  isObject(s.events[0]) && typeof s.events[0].at === "number";
const sessionId = (s) => s.events[0].at; // a session is its start: the log's rule too

function cleanSession(s) {
  return { events: s.events.filter(isObject), pain_before: painValue(s.pain_before),
           pain_after: painValue(s.pain_after),
           note: typeof s.note === "string" ? s.note.slice(0, 500) : "" };
}

function cleanPosition(p) {
  if (!isObject(p) || !STATES.includes(p.state) || !Number.isInteger(p.index) ||
      p.index < 0 || p.index >= TL.steps.length || !Number.isFinite(p.left)) return null;
  const deadline = Number.isFinite(p.deadline) ? p.deadline : null;
  if (p.state === "running" && deadline === null) return null;
  return { rev: 0, heard: 0, state: p.state, index: p.index, left: p.left, deadline };
}

// what this browser kept of this page (anything odd in it is dropped, not trusted)
function loadSaved() {
  let got = {};
  try {
    got = JSON.parse(localStorage.getItem(SAVED_AS) || "{}");
  } catch (e) { /* none, or not readable: start afresh */ }
  if (!isObject(got)) got = {};
  const boxes = new Set(TL.boxes.map((b) => boxKey(b.item, b.side)));
  return {
    position: cleanPosition(got.position),
    current: isSession(got.current) ? cleanSession(got.current) : null,
    sessions: Array.isArray(got.sessions) ? got.sessions.filter(isSession).map(cleanSession)
      : [],
    ticked: Array.isArray(got.ticked) ? got.ticked.filter((k) => boxes.has(k)) : [],
    painBefore: painValue(got.painBefore) ?? "",
  };
}

function boxKey(item, side) { return `${item}/${side ?? ""}`; }

const saved = loadSaved();
let canSave = true;
// sessions another tab of this page finished since this one last looked: kept here too
// (the one going on here, perhaps reopened by Back from its end, is not among them)
function adoptTheirs() {
  const mine = new Set([...saved.sessions, saved.current].filter(isSession).map(sessionId));
  const theirs = loadSaved().sessions.filter((s) => !mine.has(sessionId(s)));
  if (!theirs.length) return false;
  saved.sessions.push(...theirs);
  saved.sessions.sort((a, b) => sessionId(a) - sessionId(b));
  return true;
}

function persist() {
  try {
    adoptTheirs();
    localStorage.setItem(SAVED_AS, JSON.stringify(saved));
    canSave = true;
  } catch (e) {
    canSave = false; // private mode or full: kept while the page is open
  }
  showSessions();
}

// -- the stand-in for the widget model ---------------------------------------------------
class LocalModel {
  constructor(values) {
    this.values = values;
    this.handlers = new Map();
  }

  get(name) { return this.values[name]; }

  set(name, value) {
    this.values[name] = value;
    for (const f of this.handlers.get(`change:${name}`) || []) f();
  }

  on(name, f) {
    if (!this.handlers.has(name)) this.handlers.set(name, []);
    this.handlers.get(name).push(f);
  }

  off(name, f) {
    this.handlers.set(name, (this.handlers.get(name) || []).filter((g) => g !== f));
  }

  send(message) { hear(message); }
}

const recorder = new Play(TL.steps);
if (saved.position) recorder.adopt(saved.position, pageNow());
const model = new LocalModel({
  timeline: TL, view: "timer",
  position: saved.position || { rev: 0, heard: 0, state: "ready", index: 0,
                                left: TL.steps.length ? TL.steps[0].seconds : 0,
                                deadline: null },
});

// what the player did, replayed here as the kernel would: the checklist and the sessions
function hear(message) {
  const { event, at } = message;
  if (event === "start" && recorder.state === "ready") {
    saved.current = { events: [], pain_before: pain("bs-pain-before"), pain_after: null,
                      note: "" };
    saved.ticked = [];
    pain("bs-pain-after", null);
    document.getElementById("bs-note").value = "";
  }
  const last = saved.sessions[saved.sessions.length - 1];
  if (event === "back" && recorder.state === "finished" && !saved.current && last &&
      last.events[last.events.length - 1].state === "finished") {
    saved.current = saved.sessions.pop(); // back from the end: that session goes on
  }
  if (event === "tick") recorder.due(at);
  else if (event === "resume") recorder.start(at);
  else recorder[event](at);
  if (saved.current) saved.current.events.push(message);
  for (const [item, side] of recorder.completed) {
    const key = boxKey(item, side);
    if (!saved.ticked.includes(key)) saved.ticked.push(key);
  }
  if (saved.current && (recorder.state === "finished" || event === "reset")) {
    saved.sessions.push(saved.current);
    saved.current = null;
  }
  saved.position = { rev: 0, heard: 0, state: recorder.state, index: recorder.index,
                     left: recorder.remaining(at), deadline: recorder.deadline };
  persist();
  showChecklist();
  model.set("position", { ...model.get("position"), heard: message.seq });
}

// -- pain, note, checklist, sessions ----------------------------------------------------------
function pain(id, value) {
  const select = document.getElementById(id);
  if (value !== undefined) select.value = value === null ? "" : String(value);
  return select.value === "" ? null : Number(select.value);
}

function lastSession() {
  return saved.current || saved.sessions[saved.sessions.length - 1] || null;
}

pain("bs-pain-before", saved.painBefore === "" ? null : saved.painBefore);
const shown = lastSession();
if (shown) {
  pain("bs-pain-after", shown.pain_after);
  document.getElementById("bs-note").value = shown.note || "";
}
document.getElementById("bs-pain-before").addEventListener("change", () => {
  saved.painBefore = pain("bs-pain-before") ?? "";
  if (saved.current) saved.current.pain_before = pain("bs-pain-before");
  persist();
});
document.getElementById("bs-pain-after").addEventListener("change", () => {
  const s = lastSession();
  if (s) { s.pain_after = pain("bs-pain-after"); persist(); }
});
document.getElementById("bs-note").addEventListener("input", (e) => {
  const s = lastSession();
  if (s) { s.note = e.target.value.slice(0, 500); persist(); }
});

const boxes = [...document.querySelectorAll("#bs-checklist input")];
for (const check of boxes) {
  check.addEventListener("change", () => {
    const key = check.dataset.box;
    saved.ticked = saved.ticked.filter((k) => k !== key);
    if (check.checked) saved.ticked.push(key);
    persist();
  });
}

function showChecklist() {
  for (const check of boxes) check.checked = saved.ticked.includes(check.dataset.box);
}

// how many sessions this page has done: the form for n by the language's plural rules
function sessionsDone(n) {
  const forms = WORDS.sessions || {};
  let kind = "other";
  try { kind = new Intl.PluralRules(LANG).select(n); } catch (e) { /* an unknown tag */ }
  let count = String(n);
  try { count = new Intl.NumberFormat(LANG).format(n); } catch (e) { /* as it is */ }
  return say(forms[kind] ?? forms.other ?? "", { n: count });
}

function showSessions() {
  const n = saved.sessions.length;
  const text = n ? sessionsDone(n) : NO_SESSION;
  const where = canSave ? "" : ` ${WORDS.cannot_keep ?? ""}`;
  const line = document.getElementById("bs-sessions");
  if (line.textContent !== text + where) line.textContent = text + where;
  document.getElementById("bs-download").disabled = !n;
}

document.getElementById("bs-download").addEventListener("click", () => {
  const file = { format: DATA.format, version: DATA.version, routine: DATA.routine,
                 sessions: saved.sessions };
  const blob = new Blob([JSON.stringify(file, null, 1)], { type: "application/json" });
  const a = make("a");
  a.href = URL.createObjectURL(blob);
  const day = new Date().toISOString().slice(0, 10);
  a.download = `backstretch-sessions-${day}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
});

// another tab of this page finished a session: show it here too
window.addEventListener("storage", (e) => {
  if (e.key === SAVED_AS && adoptTheirs()) showSessions();
});

showChecklist();
showSessions();
render({ model, el: host }); // the player draws its own view over the page's first one
// as on the page first drawn: the step title is the page's second heading level (the
// routine is the h1), and the keys line is this page's (the player's speaks of a notebook)
for (const h of host.querySelectorAll('[role="heading"]')) h.setAttribute("aria-level", "2");
host.querySelector(".bs-keys").textContent = KEYS_LINE;
