import "next-auth";
import "next-auth/jwt";
import type { Role } from "@/db/schema";

declare module "next-auth" {
  interface Session {
    uid?: number;
    epoch?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: Role;
    epoch?: number;
  }
}
