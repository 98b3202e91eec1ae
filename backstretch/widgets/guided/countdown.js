// The countdown digits, counted down in the page from the step's deadline the kernel sent.
// The kernel stays the source of truth for step changes: at 0:00 the page waits for it.

function clockText(seconds) {
  const whole = Math.ceil(seconds - 1e-9);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function render({ model, el }) {
  let deadline = null; // performance.now() (ms) at which the step ends, while running
  let timer = null;

  function put(text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function show() {
    clearTimeout(timer);
    if (deadline === null) {
      put(model.get("value"));
      return;
    }
    const left = Math.max(0, (deadline - performance.now()) / 1000);
    put(clockText(left));
    if (left > 0) {
      // wake just after the shown whole second changes
      const untilNext = (left - Math.ceil(left - 1e-9) + 1) % 1 || 1;
      timer = setTimeout(show, untilNext * 1000 + 5);
    }
  }

  function anchor() {
    const a = model.get("anchor");
    deadline = a.running ? performance.now() + a.seconds * 1000 : null;
    el.classList.toggle("bs-paused", !!a.paused); // the greyed digits (see the views' CSS)
    show();
  }

  model.on("change:anchor", anchor);
  model.on("change:value", show);
  anchor();
  return () => {
    clearTimeout(timer);
    model.off("change:anchor", anchor);
    model.off("change:value", show);
  };
}

export default { render };
