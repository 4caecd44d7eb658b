// The invoice document (server/domain/invoices/invoice-document.ts) laid out as an A4 PDF. Set in a Unicode TrueType
// font read from disk (TALLY_PDF_FONT, else Liberation Sans or DejaVu Sans where the system has them), so names in
// any script print as written; without one, in the PDF standard Helvetica, which needs no file and prints Western
// European letters only. Rendering never touches the network.
import fs from "node:fs";
import { Document, Font, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { InvoiceDocument } from "../../domain/invoices/invoice-document";
import { env } from "../../env";

// The standard fonts encode WinAnsi only; anything else would print as garbage glyphs.
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
// Letters with a stroke rather than an accent: Unicode does not decompose them.
const STROKED: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", Ħ: "H", ħ: "h", ı: "i", Ŧ: "T", ŧ: "t", "−": "-" };
const winAnsiChar = (c: string) => {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || c === "\n" || WIN_ANSI_EXTRAS.has(c);
};

/** Keeps what Helvetica can print; accented letters outside it lose their accent (ő → o), the rest become "?". */
export function winAnsiText(text: string): string {
  return Array.from(text.replace(/\t/g, " "))
    .map((c) => {
      if (winAnsiChar(c)) return c;
      const plain = STROKED[c] ?? c.normalize("NFKD").replace(/\p{M}/gu, "");
      return Array.from(plain).every(winAnsiChar) ? plain : "?";
    })
    .join("");
}

/** Where Debian puts the fonts Chromium and fontconfig bring along (fonts-liberation, fonts-dejavu-core). */
const SYSTEM_FONTS = [
  ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
  ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
] as const;

export interface PdfFont {
  regular: string;
  bold: string;
  /** The files the faces come from; null: the standard Helvetica. */
  files: { regular: string; bold: string } | null;
}

/**
 * The faces to set invoices in: the configured font (its bold face, or the regular one again), else the first system
 * font present, else Helvetica. A configured file that does not exist is a configuration error, not a fallback.
 */
export function pdfFont(settings: { font?: string; bold?: string } = { font: env.TALLY_PDF_FONT, bold: env.TALLY_PDF_FONT_BOLD }, exists: (file: string) => boolean = fs.existsSync): PdfFont {
  if (settings.font) {
    for (const file of [settings.font, settings.bold].filter((f) => f !== undefined)) {
      if (!exists(file)) throw new Error(`Invalid configuration:\n  TALLY_PDF_FONT${file === settings.bold ? "_BOLD" : ""}: no font file at ${file}`);
    }
    return { regular: "TallySans", bold: "TallySans-Bold", files: { regular: settings.font, bold: settings.bold ?? settings.font } };
  }
  const found = SYSTEM_FONTS.find(([regular, bold]) => exists(regular) && exists(bold));
  return found ? { regular: "TallySans", bold: "TallySans-Bold", files: { regular: found[0], bold: found[1] } } : { regular: "Helvetica", bold: "Helvetica-Bold", files: null };
}

const FONT = pdfFont();
if (FONT.files) {
  Font.register({ family: FONT.regular, src: FONT.files.regular });
  Font.register({ family: FONT.bold, src: FONT.files.bold });
}

type Printable<T> = T extends string ? string : T extends (infer U)[] ? Printable<U>[] : T extends object ? { [K in keyof T]: Printable<T[K]> } : T;

/** The document's text as the font can print it: unchanged in a Unicode font, brought to WinAnsi for Helvetica. */
function printable<T>(value: T): Printable<T> {
  if (typeof value === "string") return (FONT.files ? value : winAnsiText(value)) as Printable<T>;
  if (Array.isArray(value)) return value.map(printable) as Printable<T>;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)])) as Printable<T>;
  return value as Printable<T>;
}

const INK = "#0f172a";
const MUTED = "#64748b";
const RULE = "#cbd5e1";
const ACCENT = "#4338ca";
const SHADE = "#f1f5f9";

const s = StyleSheet.create({
  page: { paddingTop: 44, paddingBottom: 64, paddingHorizontal: 48, fontFamily: FONT.regular, fontSize: 9.5, color: INK },
  watermark: { position: "absolute", top: 360, left: 0, right: 0, textAlign: "center", fontFamily: FONT.bold, fontSize: 140, color: "#e2e8f0", transform: "rotate(-35deg)" },
  header: { flexDirection: "row", justifyContent: "space-between", paddingBottom: 14, borderBottomWidth: 2, borderBottomColor: ACCENT },
  issuerName: { fontFamily: FONT.bold, fontSize: 14, marginBottom: 3 },
  muted: { color: MUTED },
  small: { fontSize: 8.5, color: MUTED },
  titleBlock: { alignItems: "flex-end" },
  title: { fontFamily: FONT.bold, fontSize: 20, color: ACCENT, marginBottom: 4 },
  number: { fontFamily: FONT.bold, fontSize: 12 },
  status: { marginTop: 4, fontSize: 8.5, color: MUTED, textAlign: "right" },
  parties: { flexDirection: "row", justifyContent: "space-between", marginTop: 20, marginBottom: 22 },
  partyColumn: { width: "52%" },
  metaColumn: { width: "40%" },
  label: { fontSize: 7.5, color: MUTED, textTransform: "uppercase", letterSpacing: 0.6, marginBottom: 2 },
  billTo: { fontFamily: FONT.bold, fontSize: 12, marginBottom: 10 },
  metaRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2.5, borderBottomWidth: 0.5, borderBottomColor: RULE },
  metaValue: { fontFamily: FONT.bold, textAlign: "right" },
  tableHead: { flexDirection: "row", backgroundColor: SHADE, paddingVertical: 5, paddingHorizontal: 6, borderBottomWidth: 1, borderBottomColor: RULE },
  th: { fontFamily: FONT.bold, fontSize: 8, color: MUTED, textTransform: "uppercase", letterSpacing: 0.5 },
  row: { flexDirection: "row", paddingVertical: 6, paddingHorizontal: 6, borderBottomWidth: 0.5, borderBottomColor: RULE },
  colDescription: { width: "56%", paddingRight: 8 },
  colQuantity: { width: "22%", textAlign: "right", paddingRight: 8 },
  colAmount: { width: "22%", textAlign: "right" },
  sectionTitle: { fontFamily: FONT.bold, fontSize: 10, marginTop: 18, marginBottom: 6 },
  closing: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start", marginTop: 14 },
  totals: { width: "46%" },
  totalsRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 3, paddingHorizontal: 6 },
  totalRow: { borderTopWidth: 1, borderTopColor: INK, marginTop: 2, paddingTop: 5, fontFamily: FONT.bold },
  balanceRow: { backgroundColor: SHADE, marginTop: 6, paddingVertical: 7, fontFamily: FONT.bold, fontSize: 11.5 },
  instructions: { width: "48%", padding: 10, borderWidth: 0.75, borderColor: RULE, borderRadius: 3 },
  instructionLine: { marginBottom: 2 },
  footer: { position: "absolute", bottom: 28, left: 48, right: 48, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: MUTED, borderTopWidth: 0.5, borderTopColor: RULE, paddingTop: 6 },
});

function MetaRow({ label, value }: { label: string; value: string }) {
  return (
    <View style={s.metaRow}>
      <Text style={s.muted}>{label}</Text>
      <Text style={s.metaValue}>{value}</Text>
    </View>
  );
}

function TotalsRow({ label, value, style }: { label: string; value: string; style?: (typeof s)[keyof typeof s] }) {
  return (
    <View style={style ? [s.totalsRow, style] : s.totalsRow} wrap={false}>
      <Text>{label}</Text>
      <Text>{value}</Text>
    </View>
  );
}

function InvoicePdf({ model }: { model: Printable<InvoiceDocument> }) {
  const { issuer } = model;
  return (
    <Document title={`${model.title} ${model.number}`} author={issuer.name} subject={`${model.contract.number}, ${model.period}`} creator="Tally" producer="Tally">
      <Page size="A4" style={s.page}>
        {model.watermark && (
          <Text style={s.watermark} fixed>
            {model.watermark}
          </Text>
        )}

        <View style={s.header}>
          <View>
            <Text style={s.issuerName}>{issuer.name}</Text>
            {issuer.addressLines.map((line, i) => (
              <Text key={i} style={s.muted}>
                {line}
              </Text>
            ))}
            {issuer.taxId && <Text style={s.muted}>Tax ID: {issuer.taxId}</Text>}
          </View>
          <View style={s.titleBlock}>
            <Text style={s.title}>{model.title}</Text>
            {model.watermark === "DRAFT" ? <Text style={s.status}>Not numbered until issued</Text> : <Text style={s.number}>{model.number}</Text>}
            {model.statusNote && <Text style={s.status}>{model.statusNote}</Text>}
          </View>
        </View>

        <View style={s.parties}>
          <View style={s.partyColumn}>
            <Text style={s.label}>Bill to</Text>
            <Text style={s.billTo}>{model.billTo}</Text>
            <Text style={s.label}>Contract</Text>
            <Text>
              {model.contract.number} · {model.contract.title}
            </Text>
          </View>
          <View style={s.metaColumn}>
            <MetaRow label="Billing period" value={model.period} />
            <MetaRow label="Issue date" value={model.issueDate} />
            <MetaRow label="Due date" value={model.dueDate} />
            <MetaRow label="Currency" value={model.currency} />
          </View>
        </View>

        <View style={s.tableHead}>
          <Text style={[s.th, s.colDescription]}>Description</Text>
          <Text style={[s.th, s.colQuantity]}>Quantity</Text>
          <Text style={[s.th, s.colAmount]}>Amount</Text>
        </View>
        {model.lines.map((line, i) => (
          <View key={i} style={s.row} wrap={false}>
            <View style={s.colDescription}>
              <Text>{line.description}</Text>
              <Text style={s.small}>{line.kind}</Text>
            </View>
            <Text style={s.colQuantity}>{line.quantity}</Text>
            <Text style={s.colAmount}>{line.amount}</Text>
          </View>
        ))}
        {model.lines.length === 0 && (
          <View style={s.row}>
            <Text style={s.muted}>No billable lines this period.</Text>
          </View>
        )}

        <View style={s.closing} wrap={false}>
          <View style={s.instructions}>
            <Text style={s.label}>How to pay</Text>
            {model.paymentInstructions.map((line, i) => (
              <Text key={i} style={s.instructionLine}>
                {line}
              </Text>
            ))}
          </View>
          <View style={s.totals}>
            <TotalsRow label="Subtotal" value={model.subtotal} />
            <TotalsRow label="Total" value={model.total} style={s.totalRow} />
            {model.creditsTotal && <TotalsRow label="Credit notes" value={model.creditsTotal} />}
            {model.payments && <TotalsRow label="Payments received" value={model.payments} />}
            {model.refunds && <TotalsRow label="Refunds sent" value={model.refunds} />}
            {model.owedBack && <TotalsRow label="Owed back to you" value={model.owedBack} />}
            <TotalsRow label={model.balanceDueLabel} value={model.balanceDue} style={s.balanceRow} />
          </View>
        </View>

        {model.creditNotes.length > 0 && (
          <View wrap={false}>
            <Text style={s.sectionTitle}>Credit notes</Text>
            {model.creditNotes.map((c) => (
              <View key={c.number} style={s.row}>
                <View style={s.colDescription}>
                  <Text>{c.number}</Text>
                  <Text style={s.small}>{c.reason}</Text>
                </View>
                <Text style={s.colQuantity}>{c.date}</Text>
                <Text style={s.colAmount}>{c.amount}</Text>
              </View>
            ))}
          </View>
        )}

        <View style={s.footer} fixed>
          <Text>
            {issuer.name} · {model.title === "INVOICE" ? `Invoice ${model.number}` : `Draft invoice, ${model.contract.number}, ${model.period}`}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

export function renderInvoicePdf(model: InvoiceDocument): Promise<Buffer> {
  return renderToBuffer(<InvoicePdf model={printable(model)} />);
}
