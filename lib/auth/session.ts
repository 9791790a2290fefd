// Who is asking, decided on the server for every studio page, action and internal read: the
// signed cookie names a user, and the database says whether that user may still act, and how.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getServerSession, type Session } from "next-auth";
import { cache } from "react";
import { getUser, roleAtLeast } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { ROLE_LABEL, worksOnEverySeries } from "@/lib/vocabulary";
import { authOptions } from "./options";

export type StudioUser = {
  id: number;
  email: string;
  name: string;
  role: Role /** null: every series; []: none. */;
  seriesIds: string[] | null;
  /** A contributor's unit (报送员 act for it alone); null for the other roles. */
  unitId: number | null;
};

/** The series a user may work on: every one (null) for admins and for "all series"; otherwise exactly the listed ones, possibly none. */
export const seriesScope = (user: { role: Role; allSeries: boolean; seriesIds: string[] }): string[] | null =>
  worksOnEverySeries(user) ? null : user.seriesIds;

/** The signed-in user, or null when anonymous, disabled, or signed out everywhere since. */
export const currentUser = cache(async (): Promise<StudioUser | null> => {
  let session: Session | null;
  try {
    session = await getServerSession(authOptions());
  } catch (error) {
    console.error("auth:session-failed", error);
    return null;
  }
  if (!session?.uid) return null;
  const user = getUser(db(), session.uid);
  if (!user || user.disabled || user.sessionEpoch !== session.epoch) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    seriesIds: seriesScope(user),
    unitId: user.role === "contributor" ? user.unitId : null,
  };
});

export const mayWorkOn = (user: StudioUser, seriesId: string) => user.seriesIds === null || user.seriesIds.includes(seriesId);

/** For server actions and route handlers: throws a coded error the caller turns into a message. */
export async function requireUser(role: Role = "editor"): Promise<StudioUser> {
  const user = await currentUser();
  if (!user) throw new AppError("auth:unauthenticated", "请先登录");
  if (!roleAtLeast(user.role, role)) throw new AppError("auth:forbidden", `此操作需要${ROLE_LABEL[role]}权限`);
  return user;
}

/** For studio pages: the anonymous go to sign-in and come back; too low a role gets 403. */
export async function requirePageUser(role: Role, returnTo: string): Promise<StudioUser> {
  const user = await currentUser();
  if (!user) redirect(`/studio/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!roleAtLeast(user.role, role)) forbidden();
  return user;
}

export function requireSeries(user: StudioUser, seriesId: string): void {
  if (!mayWorkOn(user, seriesId)) throw new AppError("auth:forbidden", "您不负责这份刊物");
}
