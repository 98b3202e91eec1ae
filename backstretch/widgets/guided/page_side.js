// The browser side of a session (see page_side.py): speech, live region, wake lock, keys,
// full screen. The kernel drives the session; this only reacts to it and sends keys back.

const KEYS = new Set([" ", "Spacebar", "ArrowRight", "ArrowLeft", "n", "N", "b", "B", "r", "R"]);
const STORE = "backstretch.voice";
const RATES = [[0.75, "slow"], [1, "normal"], [1.25, "brisk"], [1.5, "fast"]];
const spokenUpTo = new WeakMap(); // model -> the last cue spoken (two views speak once)

function loadSettings() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE) || "{}");
    return { voice: saved.voice !== false, rate: Number(saved.rate) || 1 };
  } catch (e) {
    return { voice: true, rate: 1 };
  }
}

function saveSettings(settings) {
  try {
    localStorage.setItem(STORE, JSON.stringify(settings));
  } catch (e) { /* private mode: remembered for this page only */ }
}

function canSpeak() {
  return !!window.speechSynthesis && typeof window.SpeechSynthesisUtterance === "function";
}

function speak(text, rate) {
  if (!canSpeak()) return;
  window.speechSynthesis.cancel(); // a new step never waits behind the last one's words
  const u = new SpeechSynthesisUtterance(text);
  u.rate = rate;
  u.lang = document.documentElement.lang || navigator.language || "en";
  window.speechSynthesis.speak(u);
}

// typing in a text box: the keys are the user's text, not commands
function typing(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable || target.closest("textarea, select, .cm-editor, .CodeMirror")) {
    return true;
  }
  const plain = ["button", "checkbox", "radio", "range", "submit", "reset", "color", "file"];
  return target.tagName === "INPUT" && !plain.includes(target.type);
}

// Space on a focused button, link or box is that control's own click
function activates(target) {
  return target instanceof Element &&
    !!target.closest("button, a[href], input, summary, [role=button], [role=checkbox]");
}

function button(text, css) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = `jupyter-widgets jupyter-button widget-button ${css}`;
  b.textContent = text;
  return b;
}

function render({ model, el }) {
  const settings = loadSettings();
  el.classList.add("bs-page-side");

  const voice = button("Voice", "bs-voice");
  voice.title = "Say each step aloud (the browser's speech)";
  const rateLabel = document.createElement("label");
  rateLabel.className = "bs-rate";
  rateLabel.textContent = "Voice speed ";
  const rate = document.createElement("select");
  for (const [value, name] of RATES) rate.add(new Option(name, String(value)));
  rateLabel.append(rate);
  const live = document.createElement("div");
  live.className = "bs-live bs-sr-only";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  const note = document.createElement("div");
  note.className = "bs-wake-note";
  note.textContent = "Keep the screen on yourself: this browser cannot keep it awake.";
  note.hidden = true;
  el.append(voice, rateLabel, live, note);

  function showSettings() {
    voice.setAttribute("aria-pressed", String(settings.voice));
    voice.classList.toggle("mod-active", settings.voice);
    voice.disabled = !canSpeak();
    if (voice.disabled) voice.title = "This browser cannot speak";
    rate.value = String(settings.rate);
    if (rate.value !== String(settings.rate)) rate.value = "1";
    rate.disabled = !settings.voice || voice.disabled;
  }
  voice.addEventListener("click", () => {
    settings.voice = !settings.voice;
    if (!settings.voice && canSpeak()) window.speechSynthesis.cancel();
    saveSettings(settings);
    showSettings();
  });
  rate.addEventListener("change", () => {
    settings.rate = Number(rate.value);
    saveSettings(settings);
  });
  showSettings();

  // -- a new step: say it, and announce it once to screen readers --------------------------
  function onCue() {
    const cue = model.get("cue");
    if (!cue.text || (spokenUpTo.get(model) ?? 0) >= cue.n) return;
    spokenUpTo.set(model, cue.n);
    live.textContent = cue.text;
    if (settings.voice) speak(cue.text, settings.rate);
  }
  spokenUpTo.set(model, Math.max(spokenUpTo.get(model) ?? 0, model.get("cue").n));

  // -- the screen stays on while the routine runs -------------------------------------------
  let lock = null;
  let asking = false;
  let unsupported = false;
  const running = () => model.get("state") === "running";
  function showNote() {
    note.hidden = !(unsupported && model.get("state") !== "ready");
  }
  async function hold() {
    if (!running() || lock || asking || document.visibilityState !== "visible") return;
    if (!navigator.wakeLock) {
      unsupported = true;
      showNote();
      return;
    }
    asking = true;
    try {
      const got = await navigator.wakeLock.request("screen");
      got.addEventListener("release", () => { if (lock === got) lock = null; });
      lock = got;
      unsupported = false;
      if (!running()) letGo(); // paused while we were asking
    } catch (e) {
      unsupported = true; // refused (battery saver, policy): the person must keep it on
    } finally {
      asking = false;
      showNote();
    }
  }
  function letGo() {
    const held = lock;
    lock = null;
    if (held) held.release().catch(() => {});
  }
  function onState() {
    if (running()) hold();
    else letGo();
    showNote();
  }
  document.addEventListener("visibilitychange", hold);

  // -- the class view: keys anywhere on the page, full screen ---------------------------------
  const view = () => el.closest(".bs-class-view") || el.parentElement;
  let hovered = false;
  const enter = () => { hovered = true; };
  const leave = () => { hovered = false; };
  function onKey(event) {
    if (!model.get("presenter") || event.defaultPrevented || event.repeat) return;
    if (event.ctrlKey || event.altKey || event.metaKey || !KEYS.has(event.key)) return;
    if (typing(event.target)) return;
    if ((event.key === " " || event.key === "Spacebar") && activates(event.target)) return;
    // in a notebook (Lab) its own keys come first: ours only over (or in) the view;
    // in Voila the whole page is the presentation
    const v = view();
    const inNotebook = !!document.querySelector(".jp-NotebookPanel");
    if (inNotebook && !(hovered || (v && v.contains(document.activeElement)))) return;
    event.preventDefault(); // no scrolling, and Lab's shortcuts leave it alone
    model.send({ key: event.key });
  }
  window.addEventListener("keydown", onKey, true);

  const full = button("Full screen", "bs-fullscreen");
  full.title = "Show the class view on the whole screen (Esc leaves)";
  function showFull() {
    const v = view();
    const on = !!document.fullscreenElement && document.fullscreenElement === v;
    full.textContent = on ? "Leave full screen" : "Full screen";
    full.setAttribute("aria-pressed", String(on));
    full.hidden = !model.get("presenter");
    full.disabled = !document.fullscreenEnabled;
  }
  full.addEventListener("click", () => {
    const v = view();
    if (document.fullscreenElement) document.exitFullscreen();
    else if (v) v.requestFullscreen().catch(() => {});
  });
  el.insertBefore(full, voice);
  document.addEventListener("fullscreenchange", showFull);
  function onPresenter() {
    const v = view();
    if (v) {
      v.removeEventListener("pointerenter", enter);
      v.removeEventListener("pointerleave", leave);
      if (model.get("presenter")) {
        v.addEventListener("pointerenter", enter);
        v.addEventListener("pointerleave", leave);
      }
    }
    showFull();
  }
  // the view is in the DOM only once this element is placed in it
  requestAnimationFrame(onPresenter);

  model.on("change:cue", onCue);
  model.on("change:state", onState);
  model.on("change:presenter", onPresenter);
  onState();
  return () => {
    letGo();
    model.off("change:cue", onCue);
    model.off("change:state", onState);
    model.off("change:presenter", onPresenter);
    document.removeEventListener("visibilitychange", hold);
    document.removeEventListener("fullscreenchange", showFull);
    window.removeEventListener("keydown", onKey, true);
  };
}

export default { render };
