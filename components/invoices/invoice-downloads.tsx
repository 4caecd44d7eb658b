// The invoice's documents as downloads (app/api/invoices/[id]/[format]/route.ts). Plain anchors, not next/link:
// these are files, and next/link would prefetch and route them client-side.
import { buttonClasses, cn } from "../ui";

const DOCUMENTS = [
  { format: "pdf", label: "Download PDF" },
  { format: "csv", label: "Download CSV" },
] as const;

export function InvoiceDownloads({ id, className }: { id: string; className?: string }) {
  return (
    <div className={cn("flex flex-wrap gap-2", className)}>
      {DOCUMENTS.map(({ format, label }) => (
        <a key={format} href={`/api/invoices/${encodeURIComponent(id)}/${format}`} download className={buttonClasses({ variant: "secondary", size: "sm" })}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
            <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" />
          </svg>
          {label}
        </a>
      ))}
    </div>
  );
}
