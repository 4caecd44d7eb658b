"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef } from "react";
import { api } from "@/app/_trpc/react";
import type { Role } from "@/server/db/generated/enums";
import { useFieldErrors } from "../forms/use-field-errors";
import { Alert, Button, Field, Input } from "../ui";
import { RoleAndAdvertiserFields } from "./role-and-advertiser-fields";

export interface EditableUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  advertiserId: string | null;
}

/** Mounted only while open: every opening starts from the user's saved values. */
export function EditUserDialog({ user, onClose }: { user: EditableUser; onClose: () => void }) {
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const update = api.users.update.useMutation({
    onSuccess() {
      router.refresh();
      dialogRef.current?.close();
    },
  });
  const { fieldError, formError } = useFieldErrors(update.error);

  // showModal traps focus, moves it to the first field and makes Escape close the dialog.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        className="space-y-4 p-6"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          update.mutate({
            id: user.id,
            name: String(form.get("name")),
            role: String(form.get("role")) as Role,
            advertiserId: (form.get("advertiserId") as string | null) || null,
          });
        }}
      >
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            Edit {user.name}
          </h2>
          <p className="mt-1 text-sm text-slate-500">{user.email}</p>
        </div>
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field label="Name" error={fieldError("name")}>
          <Input name="name" required maxLength={120} defaultValue={user.name} />
        </Field>
        <RoleAndAdvertiserFields defaultRole={user.role} defaultAdvertiserId={user.advertiserId} fieldError={fieldError} />
        <p className="text-sm text-slate-500">Changing the role or advertiser signs this user out everywhere.</p>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" disabled={update.isPending} onClick={() => dialogRef.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </dialog>
  );
}
