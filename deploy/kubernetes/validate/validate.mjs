// Validates Kubernetes manifests offline, strictly, with the Kubernetes API's own definitions:
//  1. kubernetes-models' validators, compiled from the Kubernetes OpenAPI schemas (types, required
//     fields, enums, formats): what `kubectl apply --dry-run=server` would reject for those reasons;
//  2. the same models' TypeScript types, through tsc's excess-property check: a field the API does not
//     have (hostNetwrk, a misplaced securityContext) is an error, as the API server's strict field
//     validation (kubectl --validate=strict) makes it.
// Usage: node validate.mjs FILE.yaml...   Exit 0 when every document is valid, 1 otherwise.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
// apiVersion/kind -> the model's module path; kustomize's own file is not an API object.
const groupPath = (apiVersion) => (apiVersion.includes("/") ? apiVersion : `v1`);
let failed = 0;
const typed = [];
for (const file of process.argv.slice(2)) {
  for (const [i, doc] of parseAllDocuments(readFileSync(file, "utf8")).entries()) {
    if (doc.errors.length > 0) {
      console.error(`${file} document ${i + 1}: ${doc.errors[0].message}`);
      failed++;
      continue;
    }
    const obj = doc.toJS();
    if (obj === null) continue;
    const where = `${file} document ${i + 1} (${obj.kind ?? "no kind"})`;
    if (obj.apiVersion === "kustomize.config.k8s.io/v1beta1") continue;
    if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") {
      console.error(`${where}: no apiVersion or kind`);
      failed++;
      continue;
    }
    const modulePath = `kubernetes-models/${groupPath(obj.apiVersion)}/${obj.kind}`;
    let Model;
    try {
      Model = (await import(modulePath))[obj.kind];
    } catch {
      console.error(`${where}: ${obj.apiVersion} ${obj.kind} is not a Kubernetes API kind`);
      failed++;
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      console.error(`${where}: ${e.message}`);
      failed++;
      continue;
    }
    typed.push({ where, modulePath, kind: obj.kind, obj });
  }
}

if (typed.length > 0) {
  const dir = mkdtempSync(join(tmpdir(), "reach-k8s-"));
  const lines = typed.map((t, n) => `import type { I${t.kind} as T${n} } from "${t.modulePath}";`);
  typed.forEach((t, n) => lines.push(`// ${t.where}\nexport const d${n}: T${n} = ${JSON.stringify(t.obj)};`));
  const source = join(here, `.check-${process.pid}.ts`);
  writeFileSync(source, lines.join("\n") + "\n");
  try {
    execFileSync(join(here, "node_modules", ".bin", "tsc"),
      ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", source], { stdio: "pipe" });
  } catch (e) {
    const out = `${e.stdout}`.split("\n").filter((l) => l.includes("error TS"));
    for (const l of out) {
      const line = Number(/\((\d+),/.exec(l)?.[1] ?? 0);
      const origin = lines.join("\n").split("\n")[line - 2] ?? "";
      console.error(`${origin.replace("// ", "")}: ${l.replace(/^.*error /, "")}`);
    }
    failed += Math.max(out.length, 1);
  } finally {
    rmSync(source, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

if (failed === 0) console.log(`valid: ${typed.length} Kubernetes object(s)`);
process.exit(failed === 0 ? 0 : 1);
