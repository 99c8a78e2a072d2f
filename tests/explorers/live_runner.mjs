// Runs cases of a model definition through the browser engine in Node, for the tests:
//   node live_runner.mjs <path of engine.js>  < {"definition": ..., "cases": [...], "options": {...}}
// and prints the results as JSON (see runCases in widgets/explorers/live_assets/engine.js).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const engine = await import(pathToFileURL(process.argv[2]).href);
const input = JSON.parse(readFileSync(0, "utf-8"));
process.stdout.write(JSON.stringify(engine.runCases(input.definition, input.cases, input.options ?? {})));
