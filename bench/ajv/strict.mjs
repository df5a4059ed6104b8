// Compiles each schema file named with ajv 8's Draft 2020-12 class and no
// options at all: ajv's default strict mode, no formats, as ajv-cli and a
// user's own ajv would load `brazelint schema` output. For brazelint's
// benchmark harness (go run ./bench, or go run ./bench -strict).
//
//   node strict.mjs SCHEMA...   prints "SCHEMA: compiles (N strictTypes warnings)" per file;
//                               exit 1 when ajv refuses one
//
// ajv's default strictTypes is "log": it warns about union types and about
// properties or required without "type": "object" beside them, and compiles
// anyway. Those warnings are counted, not failures.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node strict.mjs SCHEMA...");
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const warnings = [];
  const logger = { log() {}, warn: (...a) => warnings.push(a.join(" ")), error: (...a) => warnings.push(a.join(" ")) };
  const ajv = new Ajv2020({ logger });
  try {
    ajv.compile(JSON.parse(readFileSync(file, "utf8")));
    console.log(`${file}: compiles (${warnings.length} strictTypes warnings)`);
  } catch (e) {
    console.log(`${file}: ajv refuses it in strict mode: ${e.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
