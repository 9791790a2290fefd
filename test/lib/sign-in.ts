// Sign-in under test (auth-throttle, studio-auth): the modules it runs through under one name, and
// attempts at chosen moments, so throttle windows and locks are exact and no test waits on a clock.

import * as audit from "@/db/queries/studio/audit";
import * as users from "@/db/queries/users";
import * as authorize from "@/lib/auth/authorize";
import * as password from "@/lib/auth/password";
import * as throttle from "@/lib/auth/throttle";
import * as dbModule from "@/lib/database";

export const auth = { db: dbModule, users, authorize, password, throttle, audit };

/** A fixed start and the moment `ms` after it. */
export function clock(start: string) {
  const T0 = new Date(start);
  return { T0, at: (ms: number) => new Date(T0.getTime() + ms) };
}

/** One sign-in with the credentials form's fields, from `ip`, at `now`. */
export const signIn = (email: string, password: string, now: Date, ip = "10.0.0.1") =>
  authorize.authorizeCredentials({ email, password }, ip, dbModule.db(), now);
