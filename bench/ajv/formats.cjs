// Formats for ajv that match brazelint's (schema/schema.go), so ajv and
// brazelint validate the same schemas the same way. ajv-cli loads this with
// -c (it calls the exported function with its Ajv instance); run.mjs imports
// it too.
"use strict";

const addFormats = require("ajv-formats");

// braze-date-time: what Go's time.Parse reads with the layouts
// 2006-01-02T15:04:05Z07:00 and 2006-01-02T15:04:05Z0700, or a bare
// 2006-01-02 date. So the offset is Z, +hh:mm or +hhmm (Braze's own examples
// use +0000, which RFC 3339 rejects), and fractional seconds may follow the
// seconds with "." or "," as time.Parse allows.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?(?:Z|[+-](\d{2}):?(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year, month) {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS[month - 1];
}

function validDate(y, m, d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function brazeDateTime(s) {
  let m = DATE.exec(s);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = DATE_TIME.exec(s);
  if (!m) return false;
  if (!validDate(+m[1], +m[2], +m[3])) return false;
  if (+m[4] > 23 || +m[5] > 59 || +m[6] > 59) return false;
  if (m[7] !== undefined && (+m[7] > 24 || +m[8] > 60)) return false;
  return true;
}

// braze-date: a calendar date written YYYY-MM-DD (the dob profile field), or
// a string holding Liquid, which Braze renders before it reads the date.
function brazeDate(s) {
  if (s.includes("{{") || s.includes("{%")) return true;
  const m = DATE.exec(s);
  return m !== null && validDate(+m[1], +m[2], +m[3]);
}

// ascii: no byte >= 0x80 in UTF-8, which is no UTF-16 code unit >= 0x80.
function ascii(s) {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return false;
  }
  return true;
}

module.exports = function registerFormats(ajv) {
  addFormats(ajv);
  ajv.addFormat("braze-date-time", { type: "string", validate: brazeDateTime });
  ajv.addFormat("braze-date", { type: "string", validate: brazeDate });
  ajv.addFormat("ascii", { type: "string", validate: ascii });
  return ajv;
};
