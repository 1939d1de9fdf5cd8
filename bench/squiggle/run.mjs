// Evaluates model30.squiggle with Squiggle 0.10 at sampleCount 100000
// (or the first argument) and prints, as JSON, each output's mean, sd
// and percentiles p5 p25 p50 p75 p95.
import { readFileSync } from "node:fs";
import { run } from "@quri/squiggle-lang";

const sampleCount = Number(process.argv[2] ?? 100000);
const code = readFileSync(new URL("model30.squiggle", import.meta.url), "utf8");
const output = await run(code, {
  environment: { sampleCount, xyPointLength: 1000, seed: "1" },
});
if (!output.result.ok) {
  console.error(output.result.value.toString());
  process.exit(1);
}
// asJS gives a dict as {vtype: "Dict", value: {...}}; unwrap it.
const plain = (v) =>
  v && typeof v === "object" && "vtype" in v
    ? plain(v.value)
    : v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
      : v;
const outputs = plain(output.result.value.result.asJS());
console.log(JSON.stringify({ sampleCount, outputs }, null, 2));
