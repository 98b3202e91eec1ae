// The guided session, played in the page (see player.py): the countdown, step changes,
// progress, beeps, speech, the live region, the wake lock and the keys all run here, from
// the page's own clock; the kernel is told what happened and records it. The timeline
// comes from the kernel, computed by the package's rules; nothing here recomputes it.
// `Play` keeps the same rules as backstretch.guided.session.Session (a test runs both).
// Every word shown or said comes with the timeline, in its language (`lang`): the steps'
// own, and the rest in `words` (backstretch.guided.words), whose {placeholders} `say` fills.

const TONES = { go: [880], switch: [660, 880], rest: [440], finished: [523, 659, 784] };
const KEYS = {
  " ": "toggle", Spacebar: "toggle", ArrowRight: "skip", n: "skip", N: "skip",
  ArrowLeft: "back", b: "back", B: "back", r: "reset", R: "reset",
};
const STORE = "backstretch.voice";
// Epoch seconds in a double are rounded to about 2.4e-7 s, so two readings a whole number
// of seconds apart may differ from it by a hair: the countdown ignores a microsecond, and
// a step ends when the clock is within LATE of its deadline (never drawn as 0:00 first)
const HAIR = 1e-6;
const LATE = 2e-6;
const BEHIND_S = 4; // the log is "catching up" when the kernel has not answered for this long
const VOICE_WAIT_MS = 1500; // how long a first cue waits for the browser's list of voices

// one of the timeline's words with its {placeholders} filled: say(w.next, { next: "..." })
export function say(template, values = {}) {
  return String(template ?? "").replace(/\{(\w+)\}/g,
    (whole, key) => (key in values ? String(values[key]) : whole));
}

export function clockText(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - HAIR));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

export const pageNow = () => Date.now() / 1000;

// -- the session: the rules of backstretch.guided.session.Session, on the page's clock ---
export class Play {
  constructor(steps) {
    this.steps = steps;
    this.reset();
  }

  get current() { return this.state === "finished" ? null : this.steps[this.index]; }

  remaining(now) {
    if (this.state === "running") return Math.max(0, this.deadline - now);
    return this.state === "finished" ? 0 : this.left;
  }

  start(now) {
    if (this.state === "ready" || this.state === "paused") {
      const kind = this.state === "ready" ? "start" : "resume";
      this.run(now);
      return [kind];
    }
    return [];
  }

  pause(now) {
    if (this.state !== "running") return [];
    this.left = this.remaining(now);
    this.state = "paused";
    return ["pause"];
  }

  toggle(now) { return this.state === "running" ? this.pause(now) : this.start(now); }

  skip(now) {
    if (this.state === "finished") return [];
    const step = this.current;
    if (step && (step.kind === "hold" || step.kind === "move")) this.skipped.push(this.index);
    this.advance(null, now);
    return ["skip"];
  }

  back(now) {
    if (this.state === "ready") return [];
    if (this.state === "finished") this.index = this.steps.length;
    this.index = Math.max(0, this.index - 1);
    this.left = this.steps.length ? this.steps[this.index].seconds : 0;
    if (this.state === "finished") this.state = "paused";
    else if (this.state === "running") this.deadline = now + this.left;
    return ["back"];
  }

  reset() {
    this.index = 0;
    this.completed = [];
    this.skipped = [];
    this.state = this.steps.length ? "ready" : "finished";
    this.left = this.steps.length ? this.steps[0].seconds : 0;
    this.deadline = null;
    return ["reset"];
  }

  // End every step whose deadline has passed; one "tick" (with its deadline) each.
  due(now) {
    const ended = [];
    while (this.state === "running" && now >= this.deadline) {
      const at = this.deadline;
      this.advance(this.steps[this.index].completes, at);
      ended.push(at);
    }
    return ended;
  }

  // Take the state the kernel set (a Python call, a new routine).
  adopt(position, now) {
    this.state = position.state;
    this.index = Math.min(position.index, Math.max(0, this.steps.length - 1));
    this.left = position.left;
    this.deadline = position.state === "running"
      ? (position.deadline ?? now + position.left) : null;
  }

  run(now) {
    this.deadline = now + this.left;
    this.state = "running";
  }

  advance(completed, at) {
    if (completed) this.completed.push(completed);
    if (this.index + 1 >= this.steps.length) {
      this.state = "finished";
      this.left = 0;
      this.deadline = null;
      return;
    }
    this.index += 1;
    this.left = this.steps[this.index].seconds;
    if (this.state === "running") this.deadline = at + this.left;
  }
}

// -- the browser's parts: settings, sound, speech, the wake lock ----------------------------
function loadSettings() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE) || "{}");
    return { voice: saved.voice !== false, rate: Number(saved.rate) || 1, mute: !!saved.mute,
             motion: saved.motion !== false };
  } catch (e) {
    return { voice: true, rate: 1, mute: false, motion: true };
  }
}

function saveSettings(settings) {
  try {
    localStorage.setItem(STORE, JSON.stringify(settings));
  } catch (e) { /* private mode: remembered for this page only */ }
}

const canSpeak = () =>
  !!window.speechSynthesis && typeof window.SpeechSynthesisUtterance === "function";

const tagOf = (tag) => String(tag || "").toLowerCase().replace(/_/g, "-");
const english = (tag) => tagOf(tag).split("-")[0] === "en";

// the installed voice for a language tag: the exact tag (es-MX), else the same language
// (es-ES for es or es-MX); null when there is none
export function pickVoice(voices, tag) {
  const want = tagOf(tag);
  const language = want.split("-")[0];
  return voices.find((v) => tagOf(v.lang) === want)
    || voices.find((v) => tagOf(v.lang).split("-")[0] === language) || null;
}

function utter(text, rate, lang, voice) {
  window.speechSynthesis.cancel(); // a new step never waits behind the last one's words
  const u = new SpeechSynthesisUtterance(text);
  u.rate = rate;
  u.lang = lang;
  if (voice) u.voice = voice;
  window.speechSynthesis.speak(u);
}

let audio = null; // one AudioContext per page, made on the first press (browsers' rule)
function wakeAudio() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return;
  try {
    audio = audio || new Ctx();
    if (audio.state === "suspended") audio.resume().catch(() => {});
  } catch (e) { audio = null; }
}

function beep(kind) {
  if (!audio) return;
  let t = audio.currentTime + 0.01;
  for (const freq of TONES[kind] || TONES.go) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(0.35, t + 0.01);
    gain.gain.setValueAtTime(0.35, t + 0.13);
    gain.gain.linearRampToValueAtTime(0, t + 0.14);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.15);
    t += 0.18;
  }
}

function typing(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable || target.closest("textarea, select, .cm-editor, .CodeMirror")) {
    return true;
  }
  const plain = ["button", "checkbox", "radio", "range", "submit", "reset", "color", "file"];
  return target.tagName === "INPUT" && !plain.includes(target.type);
}

function activates(target) {
  return target instanceof Element &&
    !!target.closest("button, a[href], input, summary, [role=button], [role=checkbox]");
}

function make(tag, css, text) {
  const e = document.createElement(tag);
  if (css) e.className = css;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(text, css, title) {
  const b = make("button", `bs-btn ${css}`, text);
  b.type = "button";
  if (title) b.title = title;
  return b;
}

// -- the figure: the package's frames, blended on the player's clock ---------------------
// The timeline holds each stretch's frames (figures/frames.py: the shapes once, the points
// of every frame the package drew on the way in and through a moving stretch's cycle) and,
// for each step, where the figure is through it (timeline.step_motion). Here the figure is
// only placed: a share of the way along a run of frames, two neighbours blended.
const SVG_NS = "http://www.w3.org/2000/svg";
const smooth = (k) => k * k * (3 - 2 * k);

// where the figure is `elapsed` seconds into `step`: {run, share, side, moving}
export function figureAt(step, elapsed) {
  const segments = (step && step.motion) || [];
  if (!segments.length) return null;
  const seg = segments.find((s) => elapsed < s.end) || segments[segments.length - 1];
  const span = seg.end - seg.start;
  const t = Math.min(Math.max(elapsed - seg.start, 0), span);
  const share = seg.period > 0 ? 0.5 - 0.5 * Math.cos((2 * Math.PI * t) / seg.period)
    : seg.at + (seg.to - seg.at) * smooth(span > 0 ? t / span : 1);
  // it moves now or later in this step: frames are asked for until it is still for good
  const moving = segments.some((s) => (s.period > 0 || s.at !== s.to) && s.end > elapsed);
  return { run: seg.run, share, side: seg.side, moving };
}

// the points a share of the way along a run of frames (each a flat list of numbers)
export function blendFrames(frames, share) {
  const at = Math.min(Math.max(share, 0), 1) * (frames.length - 1);
  const i = Math.min(Math.floor(at), frames.length - 2);
  if (i < 0) return frames[0];
  const k = at - i;
  const a = frames[i];
  const b = frames[i + 1];
  if (k <= 0) return a;
  if (k >= 1) return b;
  const out = new Array(a.length);
  for (let j = 0; j < a.length; j += 1) out[j] = a[j] + k * (b[j] - a[j]);
  return out;
}

function svgEl(tag, attrs) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

// one drawing of a stretch's figure: its props, its body's shapes (their points set by
// `place`), its side's label; the left side is drawn as the mirror image of the right.
// It is named like the package's own figures: "Name, left side" and what it shows
function drawing(motion, timeline, name, shows) {
  const w = timeline.words || {};
  const svg = svgEl("svg", { viewBox: `0 0 ${motion.w} ${motion.h}`, role: "img",
                             class: "bs-pose" });
  const title = svgEl("title");
  const turned = svgEl("g");
  turned.innerHTML = motion.props; // the package's SVG, no text in it
  const shapes = motion.shapes.map(([kind, fill, size, edge, edgeWidth]) => {
    if (kind === "s") {
      return svgEl("polyline", { fill: "none", stroke: fill, "stroke-width": size,
                                 "stroke-linecap": "round", "stroke-linejoin": "round" });
    }
    return svgEl("circle", edgeWidth ? { r: size, fill, stroke: edge, "stroke-width": edgeWidth }
      : { r: size, fill });
  });
  turned.append(...shapes);
  const labels = svgEl("g");
  svg.append(title, turned, labels);
  let side = null;
  return {
    svg,
    place(points, onSide) {
      if (onSide !== side || !title.textContent) {
        side = onSide;
        const named = side ? say(w.figure, { name, side: (timeline.sides || {})[side] || side })
          : name;
        const label = shows ? say(w.figure_shows, { name: named, shows }) : named;
        svg.setAttribute("aria-label", label);
        title.textContent = label;
        if (side === "left") turned.setAttribute("transform", `matrix(-1 0 0 1 ${motion.w} 0)`);
        else turned.removeAttribute("transform");
        labels.innerHTML = (motion.labels || {})[side] || ""; // the package's own text
      }
      let j = 0;
      const lines = [];
      motion.shapes.forEach((shape, n) => {
        const e = shapes[n];
        if (shape[0] === "s") {
          let line = shape[4] === null || shape[4] === undefined ? "" : lines[shape[4]];
          if (!line) { // its own points (not an outline's, already written)
            for (let p = 0; p < shape[3]; p += 1, j += 2) {
              line += `${p ? " " : ""}${points[j].toFixed(1)},${points[j + 1].toFixed(1)}`;
            }
          }
          lines[n] = line;
          e.setAttribute("points", line);
        } else {
          e.setAttribute("cx", points[j].toFixed(1));
          e.setAttribute("cy", points[j + 1].toFixed(1));
          j += 2;
        }
      });
    },
  };
}

// the figure area of a view: the stretch moving, or (motion off) its start and its hold
class Figure {
  constructor(el) {
    this.el = el;
    this.key = null;
  }

  paint(timeline, step, elapsed, still) {
    const motion = step ? (timeline.motions || {})[step.moving] : null;
    const key = motion ? `${step.moving}|${still}` : step ? step.figure : null;
    if (key !== this.key) {
      this.key = key;
      this.shown = null;
      this.drawings = null;
      this.el.replaceChildren();
      if (motion && still) this.stills(motion, step, timeline);
      else if (motion) {
        this.drawings = [drawing(motion, timeline, step.stretch, "")];
        this.el.append(this.drawings[0].svg);
      } else if (step) this.el.innerHTML = (timeline.figures || {})[step.figure] || ""; // SVG
    }
    const at = motion ? figureAt(step, elapsed) : null;
    if (!at) { this.el.dataset.run = ""; return false; }
    const side = at.side || null;
    if (still) {
      const run = (motion.cycle || []).length ? motion.cycle : motion.way;
      this.drawings[0].place(motion.way[0], side);
      this.drawings[1].place(run[run.length - 1], side);
      Object.assign(this.el.dataset, { run: "still", share: "", side: side || "" });
      return false;
    }
    const frames = motion[at.run] && motion[at.run].length ? motion[at.run] : motion.way;
    const shown = `${at.run} ${at.share.toFixed(4)} ${side}`;
    if (shown !== this.shown) { // nothing moved since the last frame: nothing to set
      this.shown = shown;
      this.drawings[0].place(blendFrames(frames, at.share), side);
      Object.assign(this.el.dataset, { run: at.run, share: at.share.toFixed(3), side: side || "" });
    }
    return at.moving;
  }

  stills(motion, step, timeline) {
    const moving = (motion.cycle || []).length > 0;
    const w = timeline.words || {};
    this.drawings = [];
    const row = make("div", "bs-stills");
    for (const [word, name] of [[w.still_start, w.shows_start],
      moving ? [w.still_move, w.shows_move] : [w.still_hold, w.shows_hold]]) {
      const d = drawing(motion, timeline, step.stretch, name);
      const cell = make("figure", "bs-still");
      cell.append(d.svg, make("figcaption", "", word));
      row.append(cell);
      this.drawings.push(d);
    }
    this.el.append(row);
  }
}

let calmQuery; // the system's "less motion" setting, asked once, read as it changes
const lessMotion = () => {
  if (calmQuery === undefined) {
    calmQuery = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  }
  return !!(calmQuery && calmQuery.matches);
};

// -- one player per widget model: its session, clock, cues and kernel link ---------------
// anywidget hands each view its own proxy of the model, so the player is made once per
// model in `initialize` (its listeners live as long as the model) and each view finds it
// by the model's current timeline, the same object for every proxy of one model.
const players = new Set();

function playerFor(model) {
  const timeline = model.get("timeline");
  for (const p of players) if (p.model.get("timeline") === timeline) return [p, false];
  return [new Player(model), true]; // a host without `initialize`: this view's own player
}

class Player {
  constructor(model) {
    this.model = model;
    this.views = new Set();
    this.settings = loadSettings();
    this.seq = 0;
    this.timer = null;
    this.lock = null;
    this.asking = false;
    this.noWakeLock = false;
    this.kernelLost = false;
    this.lastHeard = "";
    this.onVisibility = () => this.onVisible();
    this.voice = null; // the voice for the timeline's language (voices: the browser's list)
    this.voicesKnown = false;
    this.noVoice = false; // none for it: said once, on the page, and nothing spoken
    this.voiceWait = null;
    this.pending = null; // a cue waiting for the list of voices to fill
    this.onVoices = () => this.voicesChanged();
    if (canSpeak() && typeof window.speechSynthesis.addEventListener === "function") {
      window.speechSynthesis.addEventListener("voiceschanged", this.onVoices);
    }
    this.frame = null; // a requested animation frame: it only paints, the clock is pageNow
    players.add(this);
    this.load();
    model.on("change:timeline", () => this.load());
    model.on("change:position", () => this.onPosition());
    // ipywidgets sets comm_live false (and says so) when the kernel restarts or goes
    model.on("comm_live_update", () => { this.kernelLost = true; this.draw(); });
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  get timeline() { return this.model.get("timeline") || { steps: [], figures: {} }; }

  // a new timeline, or the first: play it from where the kernel's session is (a page
  // opened, or reloaded, mid-session goes on where it is)
  load() {
    this.play = new Play(this.timeline.steps || []);
    this.findVoice();
    const pos = this.model.get("position") || {};
    this.rev = pos.rev;
    this.heard = pos.heard || 0;
    this.seq = Math.max(this.seq, this.heard); // the kernel hears each seq once: go on from it
    this.sent = new Map(); // seq -> {at: when sent (pageNow), title: the step after it}
    if (pos.state && this.play.steps.length) this.play.adopt(pos, pageNow());
    this.update();
  }

  onPosition() {
    const pos = this.model.get("position");
    if (pos.heard > this.heard) {
      for (const [seq, sent] of this.sent) {
        if (seq > pos.heard) continue;
        this.lastHeard = sent.title; // the log is written up to this step
        this.sent.delete(seq);
      }
      this.heard = pos.heard;
      this.seq = Math.max(this.seq, this.heard); // another page of this kernel went on
      this.kernelLost = false;
    }
    if (pos.rev !== this.rev) { // the kernel changed the session itself
      this.rev = pos.rev;
      const before = [this.play.state, this.play.index];
      this.play.adopt(pos, pageNow());
      const { state, index } = this.play;
      if ((state === "running" && (before[0] === "ready" || before[1] !== index)) ||
          (state === "finished" && before[0] !== "finished")) this.cue(false);
    }
    this.update();
  }

  // -- what a press or a key does: at once here, then the kernel is told ----------------
  act(action) {
    const now = pageNow(); // the press's moment, before the audio's slow first start
    wakeAudio(); // a press is the gesture that lets the page sound and speak
    const ended = this.play.due(now + LATE); // a late timer: the steps already over end first
    this.report(ended.map((at) => ["tick", at]), false);
    const done = this.play[action](now);
    this.report(done.map((kind) => [kind, now]), false);
    if (ended.length || ["start", "skip", "back"].includes(done[0])) this.cue(false);
    this.update();
  }

  report(events, cue) {
    for (const [event, at] of events) {
      this.seq += 1;
      const step = this.play.current;
      this.sent.set(this.seq, { at: pageNow(),
                                title: step ? step.title : this.timeline.finished.title });
      try {
        this.model.send({ event, seq: this.seq, at, index: this.play.index,
                          state: this.play.state });
      } catch (e) { this.kernelLost = true; }
    }
    if (!events.length) return;
    // unanswered for BEHIND_S: say the log is catching up (redrawn then, even if paused)
    clearTimeout(this.behindTimer);
    this.behindTimer = setTimeout(() => this.draw(), BEHIND_S * 1000 + 50);
    if (cue) this.cue(events.length > 1);
  }

  // a step began: beep, flash, say it and announce it (once, however many steps passed)
  cue(caughtUp) {
    if (!this.views.size) return; // nobody sees or hears this player now
    const step = this.play.current;
    const kind = step ? step.beep : "finished";
    if (!this.settings.mute) beep(kind);
    const text = step ? step.spoken : this.timeline.finished.spoken;
    for (const v of this.views) v.flash(text);
    const w = this.timeline.words || {};
    if (this.settings.voice) this.speak(caughtUp ? say(w.caught_up, { text }) : text);
  }

  // -- the voice speaks the timeline's language, or not at all ---------------------------
  // Words are spoken only by a voice of their language: with none in the browser's list
  // (after waiting a moment for it: browsers fill it late), a notice says so once and the
  // beeps and the live region go on. English where the browser lists no voice at all
  // (Chromium on Linux) is handed to its default voice, as it always was.
  findVoice() {
    if (!canSpeak()) return [];
    const voices = window.speechSynthesis.getVoices() || []; // asking starts the loading
    if (voices.length) this.voicesKnown = true;
    const lang = this.timeline.lang || "en";
    this.voice = pickVoice(voices, lang);
    this.noVoice = this.voicesKnown && !this.voice && !(english(lang) && !voices.length);
    return voices;
  }

  voicesChanged() {
    const before = this.noVoice;
    this.findVoice();
    if (this.voice && this.pending !== null) {
      clearTimeout(this.voiceWait);
      this.voiceWait = null;
      const text = this.pending;
      this.pending = null;
      if (this.settings.voice) this.speak(text);
    }
    if (before !== this.noVoice) this.draw();
  }

  speak(text) {
    if (!canSpeak()) return;
    const voices = this.findVoice();
    const lang = this.timeline.lang || "en";
    if (this.voice || (english(lang) && !voices.length)) {
      utter(text, this.settings.rate, lang, this.voice);
      return;
    }
    window.speechSynthesis.cancel();
    if (this.voicesKnown) { this.draw(); return; } // no voice for it: the notice says so
    this.pending = text; // the list may fill in a moment: this cue waits for it
    if (this.voiceWait !== null) return;
    this.voiceWait = setTimeout(() => {
      this.voiceWait = null;
      this.pending = null;
      this.voicesKnown = true; // still none: there is none
      this.findVoice();
      this.draw();
    }, VOICE_WAIT_MS);
  }

  // -- the clock: wake when the shown second changes, and catch up with it --------------
  update() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.views.size) { this.holdScreen(); return; } // asleep until a view shows it
    const now = pageNow();
    const ended = this.play.due(now + LATE);
    this.paint(now); // the new step's title and time first: nothing waits for the kernel
    if (ended.length) {
      const shown = performance.now();
      (window.backstretchSteps ||= []).push({
        index: this.play.state === "finished" ? this.play.steps.length : this.play.index,
        due: shown - (now - ended[ended.length - 1]) * 1000, shown,
      });
      this.report(ended.map((at) => ["tick", at]), true);
    }
    this.holdScreen();
    if (this.play.state === "running") {
      const left = this.play.remaining(now); // the moment drawn: no second falls between
      // until the digits change; a deadline passed while drawing: at once
      const untilNext = left > LATE ? left - (Math.ceil(left - HAIR) - 1) : 0;
      const spent = pageNow() - now; // drawing and telling the kernel took this long
      this.timer = setTimeout(() => this.update(),
        Math.max(1, Math.round((untilNext - spent) * 1000)));
    }
  }

  onVisible() {
    if (document.visibilityState === "visible") this.update(); // throttled while hidden
  }

  // redraw for a reason of its own (a setting, the wake lock, the kernel's news): a step
  // whose time is over is ended first, so no stale 0:00 is ever drawn
  draw() {
    const now = pageNow();
    if (this.play.state === "running" && now + LATE >= this.play.deadline) this.update();
    else this.paint(now);
  }

  // draw every view as at ``now``, one reading of the clock for all of it
  paint(now) {
    const behind = [...this.sent.values()].some((s) => now - s.at > BEHIND_S);
    for (const v of this.views) v.draw(this, behind, now);
    this.animate(now);
  }

  // where the current step is at ``now``, in seconds from its start
  elapsed(now) {
    const step = this.play.current;
    return step ? step.seconds - this.play.remaining(now) : 0;
  }

  // the figures only: while one moves, once per animation frame, at the clock's time
  paintFigures(now) {
    for (const v of this.views) v.paintFigure(this, now);
    this.animate(now);
  }

  animate(now) {
    const moving = this.play.state === "running" && [...this.views].some((v) => v.moving);
    if (!moving || this.frame !== null) return;
    if (now + LATE >= this.play.deadline) return; // the step's end: update() goes on
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.paintFigures(pageNow());
    });
  }

  show(view) {
    this.views.add(view);
    this.update();
  }

  hide(view) {
    this.views.delete(view);
    if (!this.views.size) this.update(); // no view left: no timer, no cue, no wake lock
  }

  stop() {
    players.delete(this);
    this.views.clear();
    clearTimeout(this.timer);
    clearTimeout(this.behindTimer);
    clearTimeout(this.voiceWait);
    if (canSpeak() && typeof window.speechSynthesis.removeEventListener === "function") {
      window.speechSynthesis.removeEventListener("voiceschanged", this.onVoices);
    }
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.holdScreen();
  }

  // -- the screen stays on while the routine runs (and someone sees it) ----------------
  async holdScreen() {
    const running = this.play.state === "running" && this.views.size > 0;
    if (!running) {
      const held = this.lock;
      this.lock = null;
      if (held) held.release().catch(() => {});
      return;
    }
    if (this.lock || this.asking || document.visibilityState !== "visible") return;
    if (!navigator.wakeLock) { this.noWakeLock = true; return; }
    this.asking = true;
    try {
      const got = await navigator.wakeLock.request("screen");
      got.addEventListener("release", () => { if (this.lock === got) this.lock = null; });
      this.lock = got;
      this.noWakeLock = false;
      if (this.play.state !== "running" || !this.views.size) this.holdScreen(); // paused
    } catch (e) {
      this.noWakeLock = true; // refused (battery saver, policy): keep it on yourself
    } finally {
      this.asking = false;
      this.draw();
    }
  }

  setting(name, value) {
    this.settings[name] = value;
    if (name === "voice" && !value && canSpeak()) window.speechSynthesis.cancel();
    saveSettings(this.settings);
    this.draw();
  }
}

// -- a view of a player: the Lab timer or the class view ---------------------------------
class View {
  constructor(player, el, kind) {
    this.player = player;
    this.el = el;
    this.kind = kind;
    this.moving = false;
    const cls = kind === "class";
    el.classList.add("bs-player", cls ? "bs-class-view" : "bs-timer");
    this.root = el;
    this.heading = make("div", "bs-class-title");
    this.title = make("div", cls ? "bs-current bs-class-current" : "bs-current");
    this.title.setAttribute("role", "heading");
    this.title.setAttribute("aria-level", "3");
    this.side = make("div", "bs-class-side");
    this.cueLine = make("div", cls ? "bs-cue bs-class-cue" : "bs-cue");
    this.count = make("div", cls ? "bs-countdown bs-class-countdown" : "bs-countdown");
    this.count.setAttribute("role", "timer");
    this.figure = make("div", "bs-figure");
    this.figureArea = new Figure(this.figure);
    const main = make("div", cls ? "bs-main bs-class-main" : "bs-main");
    main.append(...(cls ? [this.figure, this.count] : [this.count, this.figure]));
    this.where = make("div", "bs-where");
    this.stepBar = this.bar();
    this.totalBar = this.bar();
    const progress = make("div", "bs-progress bs-class-progress");
    progress.append(this.where, this.stepBar.parentElement, this.totalBar.parentElement);
    this.next = make("div", cls ? "bs-next bs-class-next" : "bs-next");
    this.safety = make("div", "bs-class-safety");

    const b = (css, action) => {
      const x = button("", css);
      x.addEventListener("click", () => player.act(action));
      return x;
    };
    this.start = b("bs-start bs-go", "start");
    this.pause = b("bs-pause", "toggle");
    this.backButton = b("bs-back", "back");
    this.skip = b("bs-skip", "skip");
    this.reset = b("bs-reset bs-warn", "reset");
    this.mute = button("", "bs-mute");
    this.mute.addEventListener("click", () => player.setting("mute", !player.settings.mute));
    this.voice = button("", "bs-voice");
    this.voice.addEventListener("click", () => player.setting("voice", !player.settings.voice));
    this.motion = button("", "bs-motion");
    this.motion.addEventListener("click", () => player.setting("motion", !player.settings.motion));
    const rateLabel = make("label", "bs-rate");
    this.rateName = document.createTextNode("");
    this.rate = make("select", "bs-rate-select");
    this.rate.addEventListener("change", () => player.setting("rate", Number(this.rate.value)));
    rateLabel.append(this.rateName, this.rate);
    this.full = button("", "bs-fullscreen");
    this.full.addEventListener("click", () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else el.requestFullscreen().catch(() => {});
    });
    this.full.hidden = !cls;
    const controls = make("div", "bs-controls");
    controls.append(this.start, this.pause, this.backButton, this.skip, this.reset, this.mute,
      this.voice, rateLabel, this.motion, this.full);
    this.live = make("div", "bs-live bs-sr-only");
    this.live.setAttribute("role", "status");
    this.live.setAttribute("aria-live", "polite");
    this.live.setAttribute("aria-atomic", "true");
    this.wakeNote = make("div", "bs-wake-note");
    this.voiceNote = make("div", "bs-voice-note");
    this.voiceNote.setAttribute("role", "status");
    this.notice = make("div", "bs-log-notice");
    this.notice.setAttribute("role", "status");
    this.keys = make("div", "bs-class-keys bs-keys");
    el.replaceChildren(...(cls
      ? [this.heading, this.title, this.side, this.cueLine, main, progress, this.next,
         this.safety, controls, this.keys]
      : [this.title, main, this.cueLine, progress, this.next, controls, this.keys]),
    this.live, this.wakeNote, this.voiceNote, this.notice);
    this.words = null;
    this.label(player.timeline);

    this.hovered = false;
    this.onEnter = () => { this.hovered = true; };
    this.onLeave = () => { this.hovered = false; };
    el.addEventListener("pointerenter", this.onEnter);
    el.addEventListener("pointerleave", this.onLeave);
    this.onKey = (event) => this.key(event);
    window.addEventListener("keydown", this.onKey, true);
    this.onFull = () => player.draw();
    document.addEventListener("fullscreenchange", this.onFull);
  }

  bar() {
    const wrap = make("label", "bs-bar");
    const p = make("progress");
    p.max = 1;
    p.value = 0;
    wrap.append(make("span", "bs-bar-name"), p);
    return p;
  }

  // the words that change only with the timeline: its language, the buttons' names and
  // titles, the voice speeds, the bars' names, the keys line and the notes
  label(timeline) {
    const w = timeline.words || {};
    if (w === this.words) return;
    this.words = w;
    if (timeline.lang) this.el.lang = timeline.lang;
    else this.el.removeAttribute("lang");
    const named = [[this.start, w.start], [this.backButton, w.back, w.back_title],
      [this.skip, w.skip, w.skip_title], [this.reset, w.reset, w.reset_title],
      [this.mute, w.mute, w.mute_title], [this.voice, w.voice, w.voice_title],
      [this.motion, w.motion, w.motion_title], [this.full, w.full, w.full_title]];
    for (const [node, text, title] of named) {
      node.textContent = text ?? "";
      if (title) node.title = title;
      else node.removeAttribute("title");
    }
    this.count.setAttribute("aria-label", w.time_left ?? "");
    this.stepBar.previousSibling.textContent = w.step_bar ?? "";
    this.totalBar.previousSibling.textContent = w.routine_bar ?? "";
    this.rateName.textContent = `${w.rate ?? ""} `;
    this.rate.replaceChildren(...(w.rates || []).map(
      ([value, name]) => new Option(name, String(value))));
    this.keys.textContent = w.keys ?? "";
    this.wakeNote.textContent = w.wake ?? "";
    this.voiceNote.textContent = w.no_voice ?? "";
  }

  key(event) {
    if (event.defaultPrevented || event.repeat) return;
    if (event.ctrlKey || event.altKey || event.metaKey || !(event.key in KEYS)) return;
    if (typing(event.target)) return;
    if ((event.key === " " || event.key === "Spacebar") && activates(event.target)) return;
    // in a notebook its own keys come first: ours only over (or in) the view
    const inNotebook = !!document.querySelector(".jp-NotebookPanel");
    if (inNotebook && !(this.hovered || this.el.contains(document.activeElement))) return;
    if (!document.body.contains(this.el)) return;
    event.preventDefault();
    this.player.act(KEYS[event.key]);
  }

  flash(text) {
    this.live.textContent = text;
    this.root.classList.add("bs-flash");
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => this.root.classList.remove("bs-flash"), 600);
  }

  draw(player, behind, now) {
    const tl = player.timeline;
    const play = player.play;
    const step = play.current;
    const state = play.state;
    const cls = this.kind === "class";
    const put = (node, text) => { if (node.textContent !== text) node.textContent = text; };
    const w = tl.words || {};
    this.label(tl);

    put(this.heading, `${tl.routine || ""} · ${tl.duration_text || ""}`);
    if (cls) {
      put(this.title, step ? step.stretch : tl.finished.title);
      put(this.side, step ? step.side_line : "");
      this.side.hidden = !this.side.textContent; // no empty band when there is no side
      put(this.cueLine, step ? (state === "paused" ? say(w.paused, { action: step.action })
        : step.action) : tl.finished.cue);
      put(this.safety, tl.class_line || "");
    } else {
      const title = step ? step.title : tl.finished.title;
      const side = step && step.side ? step.side_words : "";
      const at = side ? title.indexOf(side) : -1;
      if (this.title.dataset.text !== title) {
        this.title.dataset.text = title;
        if (at < 0) this.title.textContent = title;
        else {
          this.title.replaceChildren(title.slice(0, at), make("span", "bs-side", side),
            title.slice(at + side.length));
        }
      }
      const cue = step ? step.cue : tl.finished.cue;
      if (this.cueLine.dataset.text !== cue + (step ? step.reminder : "")) {
        this.cueLine.dataset.text = cue + (step ? step.reminder : "");
        this.cueLine.replaceChildren(cue);
        if (step && step.reminder) this.cueLine.append(" ", make("i", "", step.reminder));
      }
    }
    const left = play.remaining(now);
    put(this.count, clockText(left));
    this.count.classList.toggle("bs-paused", state === "paused");
    this.paintFigure(player, now);
    const total = tl.duration || 0;
    const elapsed = step ? step.start + step.seconds - left : total;
    this.stepBar.value = step ? Math.min(1, Math.max(0, 1 - left / step.seconds)) : 1;
    this.totalBar.value = total ? Math.min(1, elapsed / total) : 1;
    const n = play.steps.length;
    put(this.where, say(w.where, { item: step ? step.item + 1 : tl.items, items: tl.items,
      step: Math.min(play.index + 1, n), steps: n, elapsed: clockText(Math.floor(elapsed)),
      total: clockText(total) }));
    put(this.next, say(w.next, { next: step ? step.next : w.the_end }));

    this.start.disabled = state !== "ready"; // paused: Resume is the one way on
    put(this.pause, (state === "paused" ? w.resume : w.pause) ?? "");
    this.pause.disabled = state === "ready" || state === "finished";
    this.backButton.disabled = state === "ready";
    this.skip.disabled = state === "finished";
    const s = player.settings;
    this.mute.setAttribute("aria-pressed", String(s.mute));
    this.voice.setAttribute("aria-pressed", String(s.voice));
    this.voice.disabled = !canSpeak();
    this.rate.value = String(s.rate);
    if (this.rate.value !== String(s.rate)) this.rate.value = "1";
    this.rate.disabled = !s.voice || this.voice.disabled;
    const calm = lessMotion(); // the system asks for less motion: stills, whatever the button
    this.motion.setAttribute("aria-pressed", String(s.motion && !calm));
    this.motion.disabled = calm;
    const on = document.fullscreenElement === this.el;
    put(this.full, (on ? w.leave_full : w.full) ?? "");
    this.full.setAttribute("aria-pressed", String(on));
    this.full.disabled = !document.fullscreenEnabled;
    this.wakeNote.hidden = !(player.noWakeLock && state === "running");
    this.voiceNote.hidden = !(player.noVoice && s.voice);

    let notice = "";
    if (player.kernelLost) {
      notice = player.lastHeard ? say(w.kernel_lost_after, { step: player.lastHeard })
        : w.kernel_lost ?? "";
    } else if (behind) {
      notice = w.busy ?? "";
    }
    put(this.notice, notice);
    this.notice.hidden = !notice;
  }

  // the figure as at ``now``: built when the stretch or side changes, its points placed
  paintFigure(player, now) {
    const still = !player.settings.motion || lessMotion();
    this.moving = this.figureArea.paint(player.timeline, player.play.current,
      player.elapsed(now), still);
  }

  remove() {
    this.el.removeEventListener("pointerenter", this.onEnter);
    this.el.removeEventListener("pointerleave", this.onLeave);
    window.removeEventListener("keydown", this.onKey, true);
    document.removeEventListener("fullscreenchange", this.onFull);
    clearTimeout(this.flashTimer);
  }
}

// once per model: its player, for as long as the model lives
function initialize({ model }) {
  const player = new Player(model);
  return () => player.stop();
}

function render({ model, el }) {
  const [player, own] = playerFor(model);
  const view = new View(player, el, model.get("view"));
  player.show(view);
  return () => {
    view.remove();
    if (own) player.stop();
    else player.hide(view);
  };
}

export default { initialize, render };
