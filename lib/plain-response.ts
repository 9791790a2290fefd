// The one way a route answers with a plain Chinese message (a refusal, a missing thing, an
// error): UTF-8 text, never sniffed, with whatever headers the route adds.
export function plainResponse(text: string, status: number, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", ...headers },
  });
}
