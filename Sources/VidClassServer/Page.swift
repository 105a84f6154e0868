/// The page at `GET /`, compiled into the binary: no files beside it, no external scripts, fonts or CDNs.
///
/// A person chooses or drops a video; the page uploads it to `POST /v1/classify?thumbnails=1` (with the model
/// picked from `GET /v1/models`) showing the upload's progress, then shows the top labels with probability
/// bars and the sampled frames as a strip, each with its own label and attention weight. For a video longer
/// than a minute it then asks `POST /v1/timeline` and draws the labels over time as a coloured strip. An error
/// shows the JSON error's sentence. One column on a phone, wider on a desktop; labels are inserted as text,
/// never as HTML.
enum Page {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vidclass</title>
<style>
:root { --ink: #1d232b; --muted: #5d6875; --line: #d9dee5; --accent: #2f6fdb; --soft: #eef3fc; --bad: #b3261e; --bg: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; padding: 14px 20px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0; letter-spacing: .02em; }
h1 span { color: var(--muted); font-weight: 400; font-size: 15px; margin-left: 8px; }
h2 { font-size: 15px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 10px; }
main { max-width: 1040px; margin: 0 auto; padding: 20px; display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px; }
label.model { font-size: 14px; color: var(--muted); }
select { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; background: #fff; margin-left: 6px; }
#drop { display: block; border: 2px dashed #b8c2d0; border-radius: 14px; background: #fff; padding: 34px 20px; text-align: center; cursor: pointer; transition: border-color .15s, background .15s; }
#drop.over { border-color: var(--accent); background: var(--soft); }
#drop strong { display: block; font-size: 18px; margin-bottom: 4px; }
#drop small { color: var(--muted); }
#file { position: absolute; width: 1px; height: 1px; opacity: 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 14px; padding: 18px; }
#progress { display: none; }
.bar { height: 10px; border-radius: 5px; background: #e6eaf0; overflow: hidden; }
.bar > div { height: 100%; width: 0; background: var(--accent); transition: width .1s; }
.bar.busy > div { width: 35%; animation: slide 1.1s ease-in-out infinite; }
@keyframes slide { from { margin-left: -35%; } to { margin-left: 100%; } }
#status { margin-top: 8px; font-size: 14px; color: var(--muted); }
#error { display: none; border-color: #f0c4c0; background: #fff6f5; color: var(--bad); }
#results { display: none; grid-template-columns: minmax(0, 1fr); gap: 20px; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px; }
@media (min-width: 760px) { .columns { grid-template-columns: minmax(0, 1.1fr) minmax(0, .9fr); } }
#video-info { color: var(--muted); font-size: 14px; margin: 0 0 12px; overflow-wrap: anywhere; }
#labels { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
#labels li { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 2px 10px; }
#labels .label { font-weight: 600; overflow-wrap: anywhere; }
#labels .p { font-variant-numeric: tabular-nums; color: var(--muted); }
#labels .bar { grid-column: 1 / -1; height: 8px; }
#labels li:first-child .label { font-size: 20px; }
#labels li:first-child .bar > div { background: #1f5fc9; }
#preview { width: 100%; max-height: 320px; border-radius: 10px; background: #000; }
#frames { display: flex; gap: 10px; overflow-x: auto; padding-bottom: 6px; scroll-snap-type: x proximity; }
.frame { flex: 0 0 132px; scroll-snap-align: start; font-size: 12px; }
.frame img { width: 132px; height: 132px; object-fit: cover; border-radius: 8px; display: block; background: #e6eaf0; }
.frame .t { color: var(--muted); margin-top: 4px; font-variant-numeric: tabular-nums; }
.frame .l { font-weight: 600; overflow-wrap: anywhere; }
.frame .a { height: 4px; margin-top: 4px; }
#timeline-card { display: none; }
#timeline { display: flex; height: 34px; border-radius: 8px; overflow: hidden; border: 1px solid var(--line); }
#timeline div { height: 100%; min-width: 1px; }
#legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin-top: 10px; font-size: 13px; }
#legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 3px; margin-right: 6px; background: var(--c); }
.axis { display: flex; justify-content: space-between; font-size: 12px; color: var(--muted); margin-top: 4px; }
</style>
</head>
<body>
<header>
  <h1>vidclass<span>what the model sees</span></h1>
  <label class="model">Model <select id="model"></select></label>
</header>
<main>
  <label id="drop" for="file">
    <input id="file" type="file" accept="video/*,.mkv,.webm,.avi,.mov,.mp4">
    <strong>Choose a video or drop it here</strong>
    <small>MP4, MKV, WebM, AVI, MOV. It is classified on this server and kept only in memory.</small>
  </label>
  <section id="progress" class="card">
    <div class="bar" id="progress-bar"><div></div></div>
    <div id="status">Uploading…</div>
  </section>
  <section id="error" class="card" role="alert"></section>
  <section id="results">
    <div class="columns">
      <div class="card">
        <h2>Top labels</h2>
        <p id="video-info"></p>
        <ol id="labels"></ol>
      </div>
      <div class="card"><h2>Video</h2><video id="preview" controls muted playsinline></video></div>
    </div>
    <div class="card">
      <h2>Sampled frames</h2>
      <div id="frames"></div>
    </div>
    <div class="card" id="timeline-card">
      <h2>Labels over time</h2>
      <div id="timeline"></div>
      <div class="axis"><span>0 s</span><span id="timeline-end"></span></div>
      <div id="legend"></div>
    </div>
  </section>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
const percent = (p) => (p * 100).toFixed(p >= 0.995 ? 0 : 1) + "%";
let previewURL = null;

fetch("/v1/models").then((r) => r.json()).then((reply) => {
  for (const m of reply.models) {
    const option = el("option", null, m.name + " · " + m.architecture + " · " + m.labelCount + " labels");
    option.value = m.name;
    if (m.default) option.selected = true;
    $("model").appendChild(option);
  }
}).catch(() => showError("The list of models could not be loaded; is the server running?"));

$("file").addEventListener("change", () => { if ($("file").files.length) upload($("file").files[0]); });
for (const name of ["dragenter", "dragover"]) $("drop").addEventListener(name, (e) => { e.preventDefault(); $("drop").classList.add("over"); });
for (const name of ["dragleave", "drop"]) $("drop").addEventListener(name, () => $("drop").classList.remove("over"));
$("drop").addEventListener("drop", (e) => { e.preventDefault(); if (e.dataTransfer.files.length) upload(e.dataTransfer.files[0]); });

function showError(message) {
  $("error").textContent = message;
  $("error").style.display = "block";
  $("progress").style.display = "none";
}

function errorMessage(xhr) {
  try { return JSON.parse(xhr.responseText).error.message; } catch (_) { return "The server answered " + xhr.status + " without an explanation."; }
}

function post(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.upload.onload = () => onProgress && onProgress(1);
    xhr.onload = () => xhr.status === 200 ? resolve(JSON.parse(xhr.responseText)) : reject(new Error(errorMessage(xhr)));
    xhr.onerror = () => reject(new Error("The connection to the server failed; is it still running?"));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

async function upload(file) {
  $("error").style.display = "none";
  $("results").style.display = "none";
  $("progress").style.display = "block";
  const bar = $("progress-bar");
  bar.classList.remove("busy");
  bar.firstElementChild.style.width = "0";
  $("status").textContent = "Uploading " + file.name + "…";
  if (previewURL) URL.revokeObjectURL(previewURL);
  previewURL = URL.createObjectURL(file);
  const model = encodeURIComponent($("model").value || "");
  try {
    const result = await post("/v1/classify?thumbnails=1" + (model ? "&model=" + model : ""), file, (fraction) => {
      bar.firstElementChild.style.width = (fraction * 100).toFixed(1) + "%";
      if (fraction >= 1) { bar.classList.add("busy"); $("status").textContent = "Classifying…"; }
    });
    showResult(result);
    $("progress").style.display = "none";
    const duration = result.video.duration || 0;
    if (duration > 60) {
      $("progress").style.display = "block";
      $("status").textContent = "Labelling the video over time…";
      const hop = Math.max(1, Math.round(duration / 120));
      const timeline = await post("/v1/timeline?window=" + 2 * hop + "s&hop=" + hop + "s" + (model ? "&model=" + model : ""), file, null);
      showTimeline(timeline);
      $("progress").style.display = "none";
    }
  } catch (error) {
    showError(error.message);
  }
}

function showResult(result) {
  const v = result.video;
  $("video-info").textContent = result.input + " · " + v.codec + " " + v.width + "×" + v.height + " · " + v.frameCount + " frames"
    + (v.duration ? " · " + v.duration.toFixed(1) + " s" : "") + " · " + result.sampling + ", " + result.pooling + " pooling";
  const labels = $("labels");
  labels.replaceChildren();
  for (const p of result.predictions) {
    const li = el("li");
    li.append(el("span", "label", p.label), el("span", "p", percent(p.probability)));
    const bar = el("div", "bar"), fill = el("div");
    fill.style.width = (p.probability * 100).toFixed(2) + "%";
    bar.appendChild(fill);
    li.appendChild(bar);
    labels.appendChild(li);
  }
  const frames = $("frames");
  frames.replaceChildren();
  const maxAttention = Math.max(...result.frames.map((f) => f.attention || 0), 0);
  result.frames.forEach((f, i) => {
    const card = el("figure", "frame");
    card.style.margin = "0";
    const img = el("img");
    img.alt = "frame " + f.index;
    if (result.thumbnails && result.thumbnails[i]) img.src = result.thumbnails[i];
    card.appendChild(img);
    card.appendChild(el("div", "t", "#" + f.index + " · " + f.timestamp.toFixed(2) + " s"));
    if (f.topLabel) card.appendChild(el("div", "l", f.topLabel.label + " " + percent(f.topLabel.probability)));
    const weight = f.attention === undefined || f.attention === null ? null : f.attention;
    card.appendChild(el("div", "t", weight === null ? "attention: n/a (" + result.pooling + " pooling)" : "attention " + weight.toFixed(3)));
    if (weight !== null) {
      const a = el("div", "bar a"), fill = el("div");
      fill.style.width = (maxAttention > 0 ? weight / maxAttention * 100 : 0).toFixed(1) + "%";
      a.appendChild(fill);
      card.appendChild(a);
    }
    frames.appendChild(card);
  });
  $("preview").src = previewURL;
  $("timeline-card").style.display = "none";
  $("results").style.display = "grid";
}

function colour(label) {
  let h = 0;
  for (const c of label) h = (h * 31 + c.codePointAt(0)) % 360;
  return "hsl(" + h + " 62% 52%)";
}

function showTimeline(timeline) {
  const strip = $("timeline"), legend = $("legend");
  strip.replaceChildren();
  legend.replaceChildren();
  const seen = new Map();
  let previous = 0;
  for (const w of timeline.windows) {
    const start = Math.max(previous, w.start), end = Math.min(timeline.duration, w.start + timeline.hop);
    if (end <= start) continue;
    const top = w.predictions[0];
    const part = el("div");
    part.style.flex = String(end - start);
    part.style.background = colour(top.label);
    part.title = start.toFixed(1) + "–" + end.toFixed(1) + " s: " + top.label + " " + percent(top.probability);
    strip.appendChild(part);
    seen.set(top.label, (seen.get(top.label) || 0) + (end - start));
    previous = end;
  }
  for (const [label] of [...seen.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    const item = el("span", null, label);
    item.style.setProperty("--c", colour(label));
    legend.appendChild(item);
  }
  $("timeline-end").textContent = timeline.duration.toFixed(0) + " s";
  $("timeline-card").style.display = "block";
}
</script>
</body>
</html>
"""#
}
