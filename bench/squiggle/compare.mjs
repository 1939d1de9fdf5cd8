// compare.mjs ENVELOPE.json SQUIGGLE.json [TOLERANCE]: checks that envelope
// and Squiggle agree on the median and the 95th percentile of every
// output within TOLERANCE (default 0.03, 3%); exits 1 when they do not.
import { readFileSync } from "node:fs";

const [envFile, sqFile, tolArg] = process.argv.slice(2);
const tolerance = Number(tolArg ?? 0.03);
const envelope = JSON.parse(readFileSync(envFile, "utf8"));
const squiggle = JSON.parse(readFileSync(sqFile, "utf8")).outputs;

let worst = 0;
let failed = 0;
let compared = 0;
for (const out of envelope.outputs) {
  const want = squiggle[out.name];
  if (!out.distribution || !want) {
    console.error(`${out.name}: missing from one side`);
    failed++;
    continue;
  }
  compared++;
  for (const key of ["p50", "p95"]) {
    const dev = out.distribution[key] / want[key] - 1;
    worst = Math.max(worst, Math.abs(dev));
    if (Math.abs(dev) > tolerance) {
      console.error(
        `${out.name} ${key}: envelope ${out.distribution[key]}, squiggle ${want[key]} (${(100 * dev).toFixed(2)}%)`,
      );
      failed++;
    }
  }
}
const verdict = failed ? "DISAGREE" : "agree";
console.log(
  `${verdict}: p50 and p95 of ${compared} outputs, largest difference ${(100 * worst).toFixed(2)}% (tolerance ${100 * tolerance}%)`,
);
process.exit(failed ? 1 : 0);
