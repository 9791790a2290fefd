"use client";
// next-auth's sign-out clears the session cookie (a POST with its CSRF token).
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/studio/sign-in" })}
      className="rounded border border-stone-300 px-2 py-1 hover:border-brand hover:text-brand"
    >
      退出
    </button>
  );
}
