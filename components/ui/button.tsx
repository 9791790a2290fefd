// The studio's buttons, in one place: filled (the one action a form is for), outlined in the brand
// colour (a second action), plain (everything else) and the small tool buttons that light up on
// hover. `buttonClass` styles a link the same way. Extra classes (width, weight) come in className.
import type { ComponentProps } from "react";

const VARIANT = {
  primary: "bg-brand text-white",
  outline: "border border-brand text-brand",
  secondary: "border border-stone-300 bg-white",
  tool: "border border-stone-300 bg-white hover:border-brand hover:text-brand",
} as const;

const SIZE = { sm: "px-2 py-0.5", md: "px-3 py-1", lg: "px-4 py-2" } as const;

export type ButtonStyle = { variant?: keyof typeof VARIANT; size?: keyof typeof SIZE; className?: string };

export function buttonClass({ variant = "secondary", size = "md", className }: ButtonStyle = {}): string {
  return ["rounded", VARIANT[variant], SIZE[size], "disabled:opacity-50", className].filter(Boolean).join(" ");
}

/** A button that does not submit unless told to (`type="submit"`). */
export function Button({ variant, size, className, type = "button", ...props }: ComponentProps<"button"> & ButtonStyle) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}
