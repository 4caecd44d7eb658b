"use client";
// One list of like rows (fees, CPM lines, payouts…): add and remove, stable React keys while rows move, focus
// that follows the keyboard user (into a new row, back to "Add" after a removal), and the row's error scope.
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Badge, Button, Card, CardBody, CardHeader, cn } from "../../ui";
import type { ErrorScope } from "../form-errors";
import type { EditorProps } from "./editor-props";

let rowSequence = 0;
const newRowId = () => ++rowSequence;

export interface RepeatingSectionProps<T> {
  title: string;
  description?: ReactNode;
  items: T[];
  onChange: (items: T[]) => void;
  /** The list's own path, e.g. terms.cpmLines; row i reads its errors from scope.at(i). */
  scope: ErrorScope;
  create: () => T;
  /** "Add CPM line" */
  addLabel: string;
  /** The row's heading, e.g. its name or "CPM line 2". */
  itemTitle: (item: T, index: number) => string;
  emptyText?: string;
  max?: number;
  min?: number;
  /** "card": a top-level section; "nested": a compact list inside a row (no card, row title for screen readers only). */
  variant?: "card" | "nested";
  children: (row: EditorProps<T> & { index: number }) => ReactNode;
}

export function RepeatingSection<T>({ title, description, items, onChange, scope, create, addLabel, itemTitle, emptyText, max, min = 0, variant = "card", children }: RepeatingSectionProps<T>) {
  const [ids, setIds] = useState(() => items.map(newRowId));
  const rowIds = ids.length === items.length ? ids : items.map((_, i) => ids[i] ?? newRowId());
  const addRef = useRef<HTMLButtonElement>(null);
  const [focusRow, setFocusRow] = useState<number | "add" | null>(null);
  const headingId = useId();
  const newRowElementId = typeof focusRow === "number" ? scope.at(focusRow).id : null;

  useEffect(() => {
    if (focusRow === "add") addRef.current?.focus();
    else if (newRowElementId) document.getElementById(newRowElementId)?.querySelector<HTMLElement>("input, select, textarea")?.focus();
    if (focusRow !== null) setFocusRow(null);
  }, [focusRow, newRowElementId]);

  const add = () => {
    setIds([...rowIds, newRowId()]);
    onChange([...items, create()]);
    setFocusRow(items.length);
  };
  const remove = (index: number) => {
    setIds(rowIds.filter((_, i) => i !== index));
    onChange(items.filter((_, i) => i !== index));
    setFocusRow("add");
  };

  const rows = items.map((item, index) => {
    const rowScope = scope.at(index);
    const heading = itemTitle(item, index);
    const row = children({ value: item, index, scope: rowScope, onChange: (next) => onChange(items.map((x, i) => (i === index ? next : x))) });
    const removeButton = (
      <Button variant="ghost" size="sm" onClick={() => remove(index)} disabled={items.length <= min}>
        Remove<span className="sr-only"> {heading}</span>
      </Button>
    );
    return (
      <div
        key={rowIds[index]}
        id={rowScope.id}
        tabIndex={-1}
        role="group"
        aria-label={heading}
        className={cn("outline-none", variant === "card" ? "rounded-md border border-slate-200 bg-slate-50/50 p-4" : "flex items-start gap-2")}
      >
        {variant === "card" ? (
          <>
            <div className="mb-3 flex items-center justify-between gap-3">
              <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
                {heading}
                {rowScope.countInside > 0 && <Badge tone="red">{rowScope.countInside === 1 ? "1 problem" : `${rowScope.countInside} problems`}</Badge>}
              </h3>
              {removeButton}
            </div>
            {row}
          </>
        ) : (
          <>
            <div className="min-w-0 flex-1">{row}</div>
            <div className="pt-7">{removeButton}</div>
          </>
        )}
      </div>
    );
  });

  const body = (
    <div className="space-y-3">
      {scope.messages && <p className="text-sm text-red-700">{scope.messages.join(" ")}</p>}
      {items.length === 0 && emptyText && <p className="text-sm text-slate-500">{emptyText}</p>}
      {rows}
      <Button ref={addRef} variant="secondary" size="sm" onClick={add} disabled={max !== undefined && items.length >= max}>
        <span aria-hidden="true">+</span> {addLabel}
      </Button>
    </div>
  );

  if (variant === "nested") {
    return (
      <div role="group" aria-labelledby={headingId} id={scope.id} tabIndex={-1} className="space-y-2 rounded-md border border-slate-200 bg-white p-4 outline-none">
        <p id={headingId} className="text-sm font-medium text-slate-800">
          {title}
        </p>
        {description && <p className="text-sm text-slate-500">{description}</p>}
        {body}
      </div>
    );
  }
  return (
    <Card id={scope.id} tabIndex={-1} className="outline-none">
      <CardHeader title={title} description={description} />
      <CardBody>{body}</CardBody>
    </Card>
  );
}
