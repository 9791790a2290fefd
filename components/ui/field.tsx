"use client";
// A form field: its label above, the control, and the error under it, tied to the control for
// screen readers (aria-invalid, aria-describedby) through a context, so a form only says which
// error belongs to which field. `compact` is the denser size of the studio's lists and admin forms.
import { type ComponentProps, createContext, type ReactNode, useContext, useId } from "react";

const FieldContext = createContext<{ errorId: string; invalid: boolean } | null>(null);

const control = (compact?: boolean) =>
  compact
    ? "w-full rounded border border-stone-300 px-2 py-1.5 aria-[invalid=true]:border-red-600"
    : "w-full rounded border border-stone-300 px-3 py-2";

export function Field({
  label,
  error,
  strong,
  className = "block",
  children,
}: {
  label: ReactNode;
  error?: string;
  /** A bold label, as on the sign-in and new-issue forms. */
  strong?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const errorId = useId();
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the children (an Input, a Select or a native one), wrapped by the label.
    <label className={className}>
      <span className={strong ? "mb-1 block font-medium" : "mb-1 block"}>{label}</span>
      <FieldContext.Provider value={{ errorId, invalid: Boolean(error) }}>{children}</FieldContext.Provider>
      <FieldError id={errorId} message={error} />
    </label>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  ) : null;
}

/** The control's link to its field's error, when there is one. */
function useFieldAria() {
  const field = useContext(FieldContext);
  return field?.invalid ? { "aria-invalid": true, "aria-describedby": field.errorId } : {};
}

export function Input({ compact, className, ...props }: ComponentProps<"input"> & { compact?: boolean }) {
  return <input className={[control(compact), className].filter(Boolean).join(" ")} {...useFieldAria()} {...props} />;
}

/** `options` follow any options given as children (such as a first, empty choice). */
export function Select({
  compact,
  className,
  options = [],
  children,
  ...props
}: ComponentProps<"select"> & { compact?: boolean; options?: { value: string; label: string }[] }) {
  return (
    <select className={[control(compact), className].filter(Boolean).join(" ")} {...useFieldAria()} {...props}>
      {children}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
