"use client";
import { api } from "@/app/_trpc/react";
import { Alert, Button } from "../ui";

export function VerifyChainButton() {
  const verify = api.audit.verify.useMutation();
  const report = verify.data;
  return (
    <div className="space-y-3">
      <Button onClick={() => verify.mutate()} loading={verify.isPending}>
        Verify audit chain
      </Button>
      {verify.error && <Alert tone="error">{verify.error.message}</Alert>}
      {report?.ok && (
        <Alert tone="success" title="Chain intact">
          {report.checked.toLocaleString("en")} entries verified; last hash <code className="font-mono text-xs">{report.lastHash.slice(0, 16)}…</code>
        </Alert>
      )}
      {report && !report.ok && report.brokenAt && (
        <Alert tone="error" title={`Chain broken at entry #${report.brokenAt.id}`}>
          {report.brokenAt.reason === "CONTENT_HASH_MISMATCH"
            ? "This entry's content no longer matches its hash: it was altered after being written."
            : "This entry does not follow the previous one: an entry before it was removed or reordered."}{" "}
          {report.checked.toLocaleString("en")} earlier entries verified.
        </Alert>
      )}
    </div>
  );
}
