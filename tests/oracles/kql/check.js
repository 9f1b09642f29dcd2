#!/usr/bin/env node
// Microsoft's own KQL parser (Kusto.Language, npm @kusto/language-service-next) as a validity
// oracle. Usage: node check.js FILE...
// Queries come from each FILE by its kind: *.kql holds queries separated by lines containing
// only "----"; *.script (play scripts) has one action a line, and the lines starting with
// query, kql or run_query carry a query; *.md has queries in ```kql fenced blocks. Every query is
// parsed with
// Kusto.Language.KustoCode.Parse(q).GetDiagnostics(); any diagnostic is printed with the query
// and the exit code is 1. Syntax only: table and column names are not resolved.
'use strict';
const fs = require('fs');
const path = require('path');

const pkg = path.join(__dirname, 'node_modules', '@kusto', 'language-service-next');
require(path.join(pkg, 'bridge.js'));
require(path.join(pkg, 'Kusto.Language.Bridge.js'));

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node check.js FILE...');
  process.exit(2);
}
const queries = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.script')) {
    for (const line of text.split('\n')) {
      const m = /^\s*(query|kql|run_query)\s+(.*\S)\s*$/.exec(line);
      if (m) queries.push(m[2]);
    }
  } else if (file.endsWith('.md')) {
    const re = /```kql\n([\s\S]*?)```/g;
    let m;
    while ((m = re.exec(text)) !== null) queries.push(m[1].trim());
  } else {
    let cur = [];
    for (const line of text.split('\n')) {
      if (line === '----') {
        queries.push(cur.join('\n').trim());
        cur = [];
      } else {
        cur.push(line);
      }
    }
    queries.push(cur.join('\n').trim());
  }
}

let bad = 0, checked = 0;
for (const q of queries) {
  if (!q) continue;
  checked++;
  const diags = Kusto.Language.KustoCode.Parse(q).GetDiagnostics();
  if (diags.Count === 0) continue;
  bad++;
  console.log(`INVALID KQL:\n${q}`);
  for (let i = 0; i < diags.Count; i++) {
    const d = diags.getItem(i);
    console.log(`  at ${d.Start}: ${d.Message}`);
  }
}
console.log(`${checked} queries checked, ${bad} rejected by Kusto.Language`);
process.exit(bad ? 1 : 0);
