// Builds desk/static/desk/desk.js from desk/editor/ (npm run build), and
// desk/static/desk/THIRD-PARTY.txt with the licence of every package bundled.
// The built file is committed: `make run` needs no JavaScript build step.
// CI rebuilds it and fails when it differs from the committed one.
import { build } from "esbuild";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";

const result = await build({
  entryPoints: ["desk/editor/desk.js"],
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  metafile: true,
  outfile: "desk/static/desk/desk.js",
  logLevel: "warning",
});

const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match || packages.has(match[1])) continue;
  const root = join("node_modules", match[1]);
  const meta = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const licenceFile = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license"].map((name) => join(root, name)).find(existsSync);
  packages.set(match[1], { version: meta.version, licence: meta.license, text: licenceFile ? readFileSync(licenceFile, "utf8").trim() : "" });
}
const notice = [
  "desk.js bundles these packages (built by desk/editor/build.mjs):",
  "",
  ...[...packages].sort().map(([name, p]) => `${name} ${p.version} (${p.licence})\n\n${p.text}\n\n${"-".repeat(72)}`),
].join("\n");
writeFileSync(join(dirname("desk/static/desk/desk.js"), "THIRD-PARTY.txt"), `${notice}\n`);
