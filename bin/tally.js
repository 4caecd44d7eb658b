#!/usr/bin/env node
// The `tally` command (support and finance tooling): see server/cli/main.ts.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
