#!/usr/bin/env node
// `npm start` / `npm run serve`: see server/launcher.ts.
import { register } from "tsx/esm/api";

register();
await import("../server/launcher.ts");
