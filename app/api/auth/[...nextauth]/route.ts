// next-auth's endpoints: sign-in (credentials), sign-out, session and CSRF token.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const handler: Handler = (request, context) => (NextAuth(authOptions()) as unknown as Handler)(request, context);

export { handler as GET, handler as POST };
