// ajv 8 in process over an NDJSON corpus, for brazelint's benchmark harness
// (go run ./bench runs it; see bench/README.md).
//
//   node run.mjs verdicts MS_SCHEMA CT_SCHEMA CORPUS   one 1 (valid) or 0 per line, on stdout
//   node run.mjs serve MS_SCHEMA CT_SCHEMA CORPUS      a warm-up pass, a JSON line saying so, then
//                                                      one timed pass per "pass" line on stdin,
//                                                      a JSON line each
//
// The harness asks for one pass at a time, taking turns with its own, so
// that whatever else slows the machine slows both alike.
//
// Each payload is decoded from UTF-8, parsed with JSON.parse and validated
// with allErrors, inside the timed loop: brazelint also starts from bytes.
// The schema is picked per line as brazelint's detection would: a payload
// with messages is for /messages/send, any other for
// /campaigns/trigger/send (the generator gives every trigger payload a
// campaign_id and never a messages).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const registerFormats = require("./formats.cjs");

const [mode, msPath, ctPath, corpusPath] = process.argv.slice(2);
if (!["verdicts", "serve"].includes(mode) || !corpusPath) {
  console.error("usage: node run.mjs verdicts|serve MS_SCHEMA CT_SCHEMA CORPUS");
  process.exit(2);
}

// strictTypes is off because it lints schema style, not data: it asks for
// "type": "object" beside every "required" in an if/then and for
// allowUnionTypes on ["string", "integer"], and logs a warning for each. The
// rest of strict mode stays on, so an unknown keyword or format still fails
// the compile.
const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
registerFormats(ajv);
const validateMessages = ajv.compile(JSON.parse(readFileSync(msPath, "utf8")));
const validateTrigger = ajv.compile(JSON.parse(readFileSync(ctPath, "utf8")));

// The corpus stays one buffer; lines are byte ranges into it.
const corpus = readFileSync(corpusPath);
const starts = [];
const ends = [];
for (let start = 0; start < corpus.length; ) {
  let end = corpus.indexOf(10, start);
  if (end < 0) end = corpus.length;
  if (end > start) {
    starts.push(start);
    ends.push(end);
  }
  start = end + 1;
}

// check validates line i and returns its number of errors (-1: not JSON).
function check(i) {
  let payload;
  try {
    payload = JSON.parse(corpus.toString("utf8", starts[i], ends[i]));
  } catch {
    return -1;
  }
  const isMessages = payload !== null && typeof payload === "object" && Object.hasOwn(payload, "messages");
  const validate = isMessages ? validateMessages : validateTrigger;
  return validate(payload) ? 0 : validate.errors.length;
}

if (mode === "verdicts") {
  const out = Buffer.alloc(starts.length);
  for (let i = 0; i < starts.length; i++) out[i] = check(i) === 0 ? 0x31 : 0x30;
  process.stdout.write(out);
} else {
  for (let i = 0; i < starts.length; i++) check(i); // warm-up: let V8 optimize
  console.log(JSON.stringify({
    node: process.version,
    ajv: require("ajv/package.json").version,
    payloads: starts.length,
  }));
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== "pass") continue;
    let errors = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < starts.length; i++) errors += Math.max(check(i), 0);
    const us = Number(process.hrtime.bigint() - t0) / 1e3 / starts.length;
    console.log(JSON.stringify({ us_per_payload: us, errors }));
  }
}
