import { generateOpenApiDocument } from "trpc-to-openapi";
import { API_KEY_SCOPES } from "../auth/permissions";
import { appRouter } from "./root";

let cached: ReturnType<typeof generateOpenApiDocument> | undefined;

export function openApiDocument(baseUrl: string) {
  cached ??= generateOpenApiDocument(appRouter, {
    title: "Tally API",
    version: "1.0.0",
    description: `Machine-client API. Authenticate with \`Authorization: Bearer <API key>\`. Key scopes: ${API_KEY_SCOPES.join(", ")}.`,
    baseUrl,
  });
  // Generated once; the server URL is the caller's own origin, so it is set per request (never cached).
  return { ...cached, servers: [{ url: baseUrl }] };
}
