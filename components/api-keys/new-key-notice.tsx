"use client";
import { Alert, Button, CopyField } from "../ui";

/** The only time a key's secret is visible: the server keeps just its hash. */
export function NewKeyNotice({ name, plaintext, onDone }: { name: string; plaintext: string; onDone: () => void }) {
  return (
    <Alert tone="warning" title="Copy this key now; it will not be shown again">
      <div className="space-y-3">
        <p>Store it in the client&apos;s secret manager. If it is lost, revoke it and create a new one.</p>
        <CopyField label={`API key “${name}”`} value={plaintext} />
        <Button variant="secondary" onClick={onDone}>
          Done
        </Button>
      </div>
    </Alert>
  );
}
