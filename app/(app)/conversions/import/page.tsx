import type { Metadata } from "next";
import Link from "next/link";
import { ConversionImport } from "@/components/conversions/conversion-import";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Import conversions" };

export default async function ConversionImportPage() {
  await requireUser("OPS");
  return (
    <>
      <PageHeader
        title="Import conversions"
        description="Conversions from a CSV file, for feeds that cannot post to POST /api/v1/conversions. Each is attributed and judged eligible or not as it arrives, then waits for review."
        actions={
          <Link href="/conversions" className={buttonClasses({ variant: "secondary" })}>
            Back to conversions
          </Link>
        }
      />
      <ConversionImport />
    </>
  );
}
