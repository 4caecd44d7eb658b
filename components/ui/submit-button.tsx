"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

/** A submit Button that shows its own loading state while the enclosing <form action> is pending. */
export function SubmitButton({ loading, ...rest }: Omit<ButtonProps, "type">) {
  const { pending } = useFormStatus();
  return <Button type="submit" loading={loading || pending} {...rest} />;
}
