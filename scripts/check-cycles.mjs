#!/usr/bin/env node
// Folder-level import cycles in src/ (part of `npm run lint`). A file's folder
// is its directory under src/ (src/core/ops, src/views/graph, src/state, ...);
// files directly in src/core count as the folder `core`. An edge A -> B means
// some file in A imports a file in B. Any cycle between two or more folders
// fails the check and is printed with one import line per edge, so the fix
// (move the shared piece down, or invert the dependency) is easy to find.
// An optional argument names another source root (the boundary tests use it
// on a folder tree with a deliberate circle).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SRC = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'src');

function files(dir) {
  const out = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const folderOf = (file) => relative(SRC, dirname(file)) || '.';
const edges = new Map(); // folder -> Map(folder -> example "file: import")
for (const file of files(SRC)) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    const target = resolve(dirname(file), m[1]);
    if (!target.startsWith(SRC)) continue;
    const from = folderOf(file);
    // A path without an extension names a file (x -> x.ts) unless it is a folder with an index.
    let to = relative(SRC, target);
    try {
      to = statSync(target).isDirectory() ? to : relative(SRC, dirname(target)) || '.';
    } catch {
      to = relative(SRC, dirname(target)) || '.';
    }
    if (from === to) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${relative(SRC, file)}: ${m[0].trim()}`);
  }
}

// Tarjan's strongly connected components over the folder graph.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const on = new Set();
const sccs = [];
function strong(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) sccs.push(c);
  }
}
for (const v of edges.keys()) if (!idx.has(v)) strong(v);

if (sccs.length === 0) {
  console.log(`check-cycles: no import cycles between the ${new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]).size} folders of ${relative(ROOT, SRC) || SRC}/`);
  process.exit(0);
}
for (const c of sccs) {
  const set = new Set(c);
  console.error(`check-cycles: these folders import each other in a circle: ${c.sort().join(', ')}`);
  for (const a of c) for (const [b, why] of edges.get(a) ?? []) if (set.has(b)) console.error(`  ${a} -> ${b}   (${why})`);
}
process.exit(1);
