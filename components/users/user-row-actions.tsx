"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { ReasonConfirmDialog } from "../audit/reason-confirm-dialog";
import { Button } from "../ui";
import { EditUserDialog, type EditableUser } from "./edit-user-dialog";

export function UserRowActions({ user, disabled }: { user: EditableUser; disabled: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState<"edit" | "access" | null>(null);
  const setDisabled = api.users.setDisabled.useMutation();
  const close = () => setOpen(null);

  return (
    <div className="flex justify-end gap-2">
      <Button size="sm" variant="secondary" onClick={() => setOpen("edit")}>
        Edit<span className="sr-only"> {user.name}</span>
      </Button>
      {/* Fixed width so Edit does not shift between "Enable" and "Disable" rows. */}
      <Button size="sm" variant="secondary" onClick={() => setOpen("access")} className="min-w-18">
        {disabled ? "Enable" : "Disable"}
        <span className="sr-only"> {user.name}</span>
      </Button>
      {open === "edit" && <EditUserDialog user={user} onClose={close} />}
      <ReasonConfirmDialog
        open={open === "access"}
        onClose={close}
        tone={disabled ? "default" : "danger"}
        title={disabled ? `Enable ${user.name}?` : `Disable ${user.name}?`}
        confirmLabel={disabled ? "Enable user" : "Disable user"}
        description={
          disabled
            ? `${user.email} will be able to sign in again.`
            : `${user.email} is signed out everywhere at once and cannot sign in until enabled again.`
        }
        onConfirm={async (reason) => {
          await setDisabled.mutateAsync({ id: user.id, disabled: !disabled, reason });
          router.refresh();
        }}
      />
    </div>
  );
}
