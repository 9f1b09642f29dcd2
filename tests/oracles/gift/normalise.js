#!/usr/bin/env node
// Test oracle: parses a GIFT file with gift-pegjs (an independent GIFT parser) and prints the
// same neutral JSON that `alertdrill gift parse` prints, so the two readers can be compared.
//   node normalise.js FILE.gift         gift-pegjs's reading, normalised
//   node normalise.js --canon FILE.json  re-print JSON with sorted keys (for a byte diff)
"use strict";
const fs = require("fs");

function canon(v) {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = canon(v[k]);
    return out;
  }
  return v;
}

const text = (t) => (t == null ? null : typeof t === "string" ? t : t.text);
// GIFT's defaults: '=' without a weight is 100%, '~' without one is 0%.
const weight = (c) => (c.weight != null ? c.weight : c.isCorrect ? 100 : 0);

function numeric(c) {
  const t = c.text || c;
  switch (t.type) {
    case "simple": return { value: t.number, tolerance: 0 };
    case "range": return { value: t.number, tolerance: t.range };
    case "high-low": return { value: (t.numberLow + t.numberHigh) / 2, tolerance: Math.abs(t.numberHigh - t.numberLow) / 2 };
    default: throw new Error("unknown numerical answer " + JSON.stringify(t));
  }
}

function normalise(q) {
  const out = { type: q.type, title: q.title == null ? null : q.title, stem: text(q.stem) };
  if (q.type !== "Description") out.globalFeedback = text(q.globalFeedback);
  switch (q.type) {
    case "TF":
      out.isTrue = q.isTrue;
      // gift-pegjs names the two feedbacks by position: {T#first#second}; Moodle shows the first
      // for the wrong choice and the second for the right one.
      out.wrongFeedback = text(q.trueFeedback);
      out.rightFeedback = text(q.falseFeedback);
      break;
    case "MC":
    case "Short":
      out.choices = q.choices.map((c) => ({ text: text(c.text), weight: weight(c), feedback: text(c.feedback) }));
      break;
    case "Numerical": {
      const cs = Array.isArray(q.choices) ? q.choices : [{ text: q.choices, isCorrect: true, weight: null, feedback: null }];
      out.choices = cs.map((c) => ({ ...numeric(c), weight: weight(c), feedback: text(c.feedback) }));
      break;
    }
    case "Matching":
      out.pairs = q.matchPairs.map((p) => ({ prompt: text(p.subquestion), answer: p.subanswer }));
      break;
  }
  return out;
}

const args = process.argv.slice(2);
if (args[0] === "--canon") {
  process.stdout.write(JSON.stringify(canon(JSON.parse(fs.readFileSync(args[1], "utf8"))), null, 2) + "\n");
} else {
  const { parse } = require("gift-pegjs");
  const questions = parse(fs.readFileSync(args[0], "utf8"));
  process.stdout.write(JSON.stringify(canon(questions.map(normalise)), null, 2) + "\n");
}
