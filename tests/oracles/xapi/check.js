// Validates xAPI statements (a JSON array on stdin) with Learning Locker's validator; prints
// every warning and exits 1 when any statement is invalid.
const validate = require('@learninglocker/xapi-validation').default;
let text = '';
process.stdin.on('data', (d) => (text += d));
process.stdin.on('end', () => {
  const statements = JSON.parse(text);
  if (!Array.isArray(statements) || statements.length === 0) {
    console.error('no statements');
    process.exit(1);
  }
  let bad = 0;
  statements.forEach((s, i) => {
    const warnings = validate(s);
    if (warnings.length) {
      bad++;
      console.error(`statement ${i} (${s.verb && s.verb.id}):`);
      for (const w of warnings) console.error('  ' + JSON.stringify(w));
    }
  });
  console.log(`${statements.length} statements, ${bad} invalid`);
  process.exit(bad ? 1 : 0);
});
