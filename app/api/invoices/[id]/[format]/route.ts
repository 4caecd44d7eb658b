// Invoice documents for download: GET /api/invoices/<id>/pdf or /csv, for a signed-in user (or an API key) holding
// invoices:read. What the caller may see is the invoice scope's business (services/invoices/invoice-documents.ts);
// errors keep the same codes as the API (server/api/errors.ts) and answer JSON { error }.
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z } from "zod";
import { toTRPCError } from "@/server/api/errors";
import { createContext } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";
import { INVOICE_DOCUMENT_FORMATS, invoiceDocument } from "@/server/services/invoices/invoice-documents";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const ZDocumentParams = z.object({ id: z.string().uuid(), format: z.enum(INVOICE_DOCUMENT_FORMATS) });

const failure = (status: number, error: string, requestId?: string) =>
  Response.json({ error }, { status, headers: { "cache-control": "no-store", ...(requestId && { "x-request-id": requestId }) } });

export async function GET(req: Request, { params }: { params: Promise<{ id: string; format: string }> }) {
  // An unknown format or a malformed id names no document: the same answer as an invoice that does not exist.
  const parsed = ZDocumentParams.safeParse(await params);
  if (!parsed.success) return failure(404, "Invoice not found");
  const ctx = await createContext({ headers: req.headers, source: "WEB" });
  if (!ctx.actor) return failure(401, ctx.authError?.message ?? "Sign in first", ctx.requestId);
  if (!can(ctx.actor, "invoices:read")) return failure(403, "Requires the invoices:read permission", ctx.requestId);
  try {
    const file = await invoiceDocument(ctx.db, ctx.actor, parsed.data.id, parsed.data.format);
    ctx.log.info({ path: "invoices.document", actor: ctx.actor.label, invoiceId: parsed.data.id, format: parsed.data.format }, "invoice document");
    return new Response(new Uint8Array(file.body), {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.body.length),
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "x-request-id": ctx.requestId,
      },
    });
  } catch (err) {
    const mapped = toTRPCError(err);
    if (mapped && mapped.code !== "INTERNAL_SERVER_ERROR") return failure(getHTTPStatusCodeFromError(mapped), mapped.message, ctx.requestId);
    ctx.log.error({ err, path: "invoices.document", invoiceId: parsed.data.id }, "invoice document failed");
    return failure(500, "Something went wrong on our side. Try again, or quote the request id.", ctx.requestId);
  }
}
