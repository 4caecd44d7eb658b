import type { ErrorScope } from "../form-errors";

/** Every part of the terms editor edits one value owned by its parent, and reads its errors from `scope`. */
export interface EditorProps<T> {
  value: T;
  onChange: (next: T) => void;
  scope: ErrorScope;
}

/** An updater for one field of the edited object: `set("name", "Sports")`. */
export function fieldSetter<T extends object>(value: T, onChange: (next: T) => void) {
  return <K extends keyof T>(key: K, next: T[K]) => onChange({ ...value, [key]: next });
}
