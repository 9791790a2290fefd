// next-auth's configuration: credentials against SQLite users, sessions as signed JWT cookies.
// next-auth sets them httpOnly and SameSite=Lax, and Secure when NEXTAUTH_URL is https.
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Role } from "@/db/schema";
import { authorizeCredentials, SignInRefused } from "./authorize";
import { CLIENT_IP_HEADER } from "./client-ip";
import { authSecret } from "./secret";

/** A working day; the cookie is renewed while the studio is in use (updateAge). */
export const SESSION_MAX_AGE_S = 8 * 3600;

const headerOf = (headers: unknown, name: string): string | null => {
  if (!headers || typeof headers !== "object") return null;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" && value ? value : null;
};

let options: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  return (options ??= {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: 15 * 60 },
    jwt: { maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/studio/sign-in", error: "/studio/sign-in" },
    providers: [
      CredentialsProvider({
        name: "邮箱和密码",
        credentials: { email: { label: "邮箱", type: "email" }, password: { label: "密码", type: "password" } },
        async authorize(credentials, req) {
          try {
            return await authorizeCredentials(credentials, headerOf(req.headers, CLIENT_IP_HEADER));
          } catch (error) {
            if (error instanceof SignInRefused) throw error;
            console.error("auth:authorize-failed", error);
            throw new Error("登录暂时无法完成，请稍后再试");
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; role: Role; epoch: number };
          token.uid = Number(u.id);
          token.role = u.role;
          token.epoch = u.epoch;
        }
        return token;
      },
      session({ session, token }) {
        session.uid = typeof token.uid === "number" ? token.uid : undefined;
        session.epoch = typeof token.epoch === "number" ? token.epoch : undefined;
        return session;
      },
    },
    logger: {
      error: (code, metadata) => console.error(`next-auth:${code}`, metadata),
      warn: (code) => console.warn(`next-auth:${code}`),
      debug: () => {},
    },
  });
}
