"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { ReasonConfirmDialog } from "../audit/reason-confirm-dialog";
import { Button } from "../ui";

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const revoke = api.apiKeys.revoke.useMutation();
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        Revoke<span className="sr-only"> {name}</span>
      </Button>
      <ReasonConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        tone="danger"
        title={`Revoke “${name}”?`}
        confirmLabel="Revoke key"
        description="Requests with this key are refused from now on. This cannot be undone; the client will need a new key."
        onConfirm={async (reason) => {
          await revoke.mutateAsync({ id, reason });
          router.refresh();
        }}
      />
    </>
  );
}
