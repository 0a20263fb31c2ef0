// Runs the site's search worker in Node with a clock and timers the test controls, so what the
// burst rule answers depends on the times the test gives, never on the machine's speed.
// Input (stdin, JSON): {worker, rules, engine: "lunr" | "shards", steps: [...]}, each step
// {send: [texts]} (queries arriving together, before the worker's next turn) or {wait: ms}.
// Output (stdout, JSON): the queries answered, in order (lunr: handed to Material's handler;
// shards: RESULT messages posted), with the fake time of each.
"use strict"
const fs = require("fs"), vm = require("vm")
const input = JSON.parse(fs.readFileSync(0, "utf8"))

let now = 0
const timers = []
let nextId = 0
globalThis.self = globalThis
Object.defineProperty(globalThis, "performance", { value: { now: () => now }, configurable: true, writable: true })
globalThis.setTimeout = (fn, ms) => { timers.push({ at: now + Math.max(0, ms || 0), fn, id: nextId++ }); return nextId }
self.location = { href: "http://127.0.0.1/assets/javascripts/workers/ldkb-search.js", protocol: "http:" }
const listeners = []
self.addEventListener = (type, fn) => { if (type === "message") listeners.push(fn) }
const answered = []
self.postMessage = (message) => {
  if (message && message.type === 3) answered.push({ typed: message.data.query.typed, at: now })
}
self.importScripts = () => {}
// Only what the worker patches of lunr (Material's worker is not loaded here).
self.lunr = { Pipeline: { prototype: { run() { return [] } } }, Index: { prototype: { query() { return [] } } } }
// The shard index: an empty manifest, answered from memory.
globalThis.fetch = (url) => Promise.resolve({
  ok: true, json: () => Promise.resolve({ n: 0, chunk: 32, version: "t", shards: [], exact: [] }),
})
self.LDKB_MATERIAL_WORKER = "search.js"
self.LDKB_RULES = input.rules
vm.runInThisContext(fs.readFileSync(input.worker, "utf8"))
const deliver = listeners[0]
// Material's handler, captured by the worker: a lunr query reaches it once the burst rule lets it.
self.addEventListener("message", (ev) => {
  if (ev.data.type === 2) answered.push({ typed: self.__ldkbLastQuery.typed, at: now })
})
// Promise callbacks (the worker's chains of answers) run on Node's own queue.
const flush = async () => { for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve)) }
// The clock moves to each timer's time in turn, then to `until`.
async function advance(until) {
  for (;;) {
    await flush()
    timers.sort((a, b) => a.at - b.at || a.id - b.id)
    if (!timers.length || timers[0].at > until) break
    const timer = timers.shift()
    now = timer.at
    timer.fn()
  }
  now = until
}

;(async () => {
  const config = input.engine === "shards" ? { ldkb_shards: "../../search-shards/manifest.json" } : {}
  deliver({ data: { type: 0, data: { config, docs: [] } } })
  await flush()
  for (const step of input.steps) {
    if (step.send !== undefined) step.send.forEach((text) => deliver({ data: { type: 2, data: text } }))
    else await advance(now + step.wait)
  }
  process.stdout.write(JSON.stringify(answered))
})()
