// placeholder: part C fills this in
import type { StudioUser } from "@/lib/auth/session";

export async function AdoptPanel({ user, submissionId }: { user: StudioUser; submissionId: number }) {
  void user;
  void submissionId;
  return null;
}
