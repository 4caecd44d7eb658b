import Form from "next/form";
import Link from "next/link";
import { periodLabel, shiftPeriod } from "@/server/domain/billing/billing-period";
import { Button, buttonClasses, Field, Input } from "../ui";

/**
 * The month a page is about: previous/next links, and a GET form to jump to any month. `hrefFor` keeps the page's
 * other filters; `keep` carries them through the form as hidden fields.
 */
export function PeriodPicker({ action, period, hrefFor, keep = {}, name = "period", label = "Month" }: { action: string; period: string; hrefFor: (period: string) => string; keep?: Record<string, string>; name?: string; label?: string }) {
  const previous = shiftPeriod(period, -1);
  const next = shiftPeriod(period, 1);
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label="Month" className="flex gap-2">
        <Link href={hrefFor(previous)} className={buttonClasses({ variant: "secondary" })}>
          <span aria-hidden="true">←</span> {periodLabel(previous)}
        </Link>
        <Link href={hrefFor(next)} className={buttonClasses({ variant: "secondary" })}>
          {periodLabel(next)} <span aria-hidden="true">→</span>
        </Link>
      </nav>
      <Form action={action} aria-label="Choose a month" className="flex items-end gap-2">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <Field label={label} className="w-44">
          <Input name={name} type="month" required defaultValue={period} className="h-9" />
        </Field>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </Form>
    </div>
  );
}
