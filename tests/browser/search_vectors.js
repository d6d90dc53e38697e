// The browser search script applies the same Vietnamese rules as the Rust
// build: its fold/exact/tokens/hash functions, given the mark tables the
// build wrote into search/meta.json, must give the results listed in
// src/search/vectors.json (the vectors of the Rust unit tests).
// Usage: node search_vectors.js <public>/search/meta.json
const fs = require('fs');
const path = require('path');
const { check } = require('./lib.js');
const search = require('../../themes/default/static/js/search.js');

const meta = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const vectors = JSON.parse(fs.readFileSync(
  path.join(__dirname, '../../src/search/vectors.json'), 'utf8'));
const rules = meta.rules;
let n = 0;
for (const [input, folded, exact] of vectors.fold) {
  const f = search.fold(input, rules);
  const e = search.exact(input, rules);
  if (f !== folded || e !== exact) {
    throw new Error(`fold/exact(${JSON.stringify(input)}): got ${f}/${e}, want ${folded}/${exact}`);
  }
  n++;
}
check(n === vectors.fold.length && n > 10, `fold and exact agree with Rust on ${n} words`);
for (const [input, want] of vectors.tokens) {
  const got = search.tokens(input);
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`tokens(${JSON.stringify(input)}): got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}
check(true, `tokens agree with Rust on ${vectors.tokens.length} texts`);
for (const [key, h] of vectors.hash) {
  if (search.hash(key) !== h) throw new Error(`hash(${key}): got ${search.hash(key)}, want ${h}`);
}
check(true, `shard hash agrees with Rust on ${vectors.hash.length} keys`);
