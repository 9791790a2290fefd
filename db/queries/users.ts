// Studio accounts: the users table and each user's series. Passwords arrive here already hashed.
import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Db } from "../index";
import { type Role, type UserRow, userSeries, users } from "../schema";

export type UserView = Omit<UserRow, "passwordHash"> & { seriesIds: string[] };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const roleRank: Record<Role, number> = { contributor: 0, editor: 1, reviewer: 2, admin: 3 };
/** Whether `role` has at least the powers of `required` (admin ⊃ reviewer ⊃ editor ⊃ contributor). */
export const roleAtLeast = (role: Role, required: Role) => roleRank[role] >= roleRank[required];

export function countUsers(d: Db): number {
  return d.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserByEmail(d: Db, email: string): UserRow | undefined {
  return d
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

function seriesOf(d: Db, userId: number): string[] {
  return d
    .select({ id: userSeries.seriesId })
    .from(userSeries)
    .where(eq(userSeries.userId, userId))
    .orderBy(asc(userSeries.seriesId))
    .all()
    .map((r) => r.id);
}

function view(d: Db, row: UserRow): UserView {
  const { passwordHash: _omit, ...rest } = row;
  return { ...rest, seriesIds: seriesOf(d, row.id) };
}

export function getUser(d: Db, id: number): UserView | undefined {
  const row = d.select().from(users).where(eq(users.id, id)).get();
  return row ? view(d, row) : undefined;
}

export function listUsers(d: Db): UserView[] {
  return d
    .select()
    .from(users)
    .orderBy(asc(users.disabled), asc(users.email))
    .all()
    .map((r) => view(d, r));
}

/**
 * `allSeries` is the explicit "every series, including future ones"; left out, it is true only
 * when `seriesIds` is left out too (the CLI's and the tests' plain accounts). An empty list with
 * allSeries false is a user who works on no series.
 */
export function createUser(
  d: Db,
  input: {
    email: string;
    name: string;
    role: Role;
    passwordHash: string;
    seriesIds?: string[];
    allSeries?: boolean;
    unitId?: number | null;
  },
): UserView {
  const email = normalizeEmail(input.email);
  const now = new Date();
  return d.transaction(
    (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
        throw new AppError("auth:invalid-input", `已有使用 ${email} 的账号`);
      }
      const allSeries = input.allSeries ?? input.seriesIds === undefined;
      if (input.role === "contributor" && !input.unitId)
        throw new AppError("auth:invalid-input", "报送员必须属于一个单位", { fields: { unit: "请选择报送员所在的单位" } });
      const row = tx
        .insert(users)
        .values({
          email,
          name: input.name.trim(),
          role: input.role,
          passwordHash: input.passwordHash,
          allSeries,
          unitId: input.unitId ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      for (const seriesId of new Set(allSeries ? [] : (input.seriesIds ?? [])))
        tx.insert(userSeries).values({ userId: row.id, seriesId }).run();
      return view(tx as unknown as Db, row);
    },
    { behavior: "immediate" },
  );
}

/** With allSeries true the user's series rows go: "all" stands alone. */
export function updateUser(
  d: Db,
  id: number,
  changes: { name?: string; role?: Role; disabled?: boolean; seriesIds?: string[]; allSeries?: boolean; unitId?: number | null },
): UserView {
  return d.transaction(
    (tx) => {
      const current = tx.select().from(users).where(eq(users.id, id)).get();
      if (!current) throw new AppError("studio:not-found", "找不到这个账号");
      const set: Partial<UserRow> = { updatedAt: new Date() };
      if (changes.name !== undefined) set.name = changes.name.trim();
      if (changes.role !== undefined) set.role = changes.role;
      if (changes.disabled !== undefined) set.disabled = changes.disabled;
      if (changes.allSeries !== undefined) set.allSeries = changes.allSeries;
      if (changes.unitId !== undefined) set.unitId = changes.unitId;
      if ((changes.role ?? current.role) === "contributor" && !(changes.unitId === undefined ? current.unitId : changes.unitId))
        throw new AppError("auth:invalid-input", "报送员必须属于一个单位", { fields: { unit: "请选择报送员所在的单位" } });
      // A contributor moved to another unit must not keep reading the old one's submissions.
      if (changes.unitId !== undefined && changes.unitId !== current.unitId && current.role === "contributor")
        set.sessionEpoch = current.sessionEpoch + 1;
      // Losing the admin role or being disabled takes effect at once: the old sessions say otherwise.
      if ((changes.role && changes.role !== current.role) || (changes.disabled && !current.disabled))
        set.sessionEpoch = current.sessionEpoch + 1;
      tx.update(users).set(set).where(eq(users.id, id)).run();
      if (changes.seriesIds || changes.allSeries) {
        tx.delete(userSeries).where(eq(userSeries.userId, id)).run();
        for (const seriesId of new Set(changes.allSeries ? [] : (changes.seriesIds ?? [])))
          tx.insert(userSeries).values({ userId: id, seriesId }).run();
      }
      const after = tx.select().from(users).where(eq(users.id, id)).get()!;
      const wasAdmin = current.role === "admin" && !current.disabled;
      const isAdmin = after.role === "admin" && !after.disabled;
      const admins =
        tx
          .select({ n: count() })
          .from(users)
          .where(and(eq(users.role, "admin"), eq(users.disabled, false)))
          .get()?.n ?? 0;
      if (wasAdmin && !isAdmin && admins === 0) throw new AppError("auth:invalid-input", "至少要保留一位启用的管理员");
      return view(tx as unknown as Db, after);
    },
    { behavior: "immediate" },
  );
}

/** Sets a new password and ends every session of the account. */
export function setPasswordHash(d: Db, id: number, passwordHash: string): void {
  const r = d
    .update(users)
    .set({ passwordHash, sessionEpoch: sql`${users.sessionEpoch} + 1`, updatedAt: new Date() })
    .where(eq(users.id, id))
    .run();
  if (r.changes === 0) throw new AppError("studio:not-found", "找不到这个账号");
}

/** "Sign out everywhere": tokens issued before this carry an older epoch and are refused. */
export function bumpSessionEpoch(d: Db, id: number): void {
  d.update(users)
    .set({ sessionEpoch: sql`${users.sessionEpoch} + 1`, updatedAt: new Date() })
    .where(eq(users.id, id))
    .run();
}

export function touchSignIn(d: Db, id: number, at: Date): void {
  d.update(users).set({ lastSignInAt: at }).where(eq(users.id, id)).run();
}
