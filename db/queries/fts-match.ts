// The FTS5 MATCH syntax of the two search tables: issue_search holds character pairs, issue_chars
// single characters (lib/search/text.ts says how text becomes them, and parses what a reader
// typed into terms). Query syntax of the storage, so it sits beside the queries that run it.

const phrase = (term: string[]) =>
  `"${
    term.length === 1
      ? term[0]
      : term
          .slice(0, -1)
          .map((c, i) => c + term[i + 1])
          .join(" ")
  }"`;

/**
 * The FTS5 MATCH expressions for parsed terms: `pairs` for the bigram table (terms of two or
 * more characters, as phrases of their pairs), `chars` for the character table (one-character
 * terms). Terms (parseQuery's) hold letters and digits only, and are quoted: nothing a reader
 * types is FTS syntax.
 */
export function matchExpressions(terms: string[][], column?: "title" | "body"): { pairs?: string; chars?: string } {
  const wrap = (parts: string[]) =>
    parts.length === 0 ? undefined : column ? `{${column}} : (${parts.join(" AND ")})` : parts.join(" AND ");
  return { pairs: wrap(terms.filter((t) => t.length > 1).map(phrase)), chars: wrap(terms.filter((t) => t.length === 1).map(phrase)) };
}

/**
 * Any of these character pairs (indexTexts' pairs: letters and digits only, quoted all the same),
 * for "which texts share words with this one" (the 信息报送 similarity hint); an optional column.
 */
export function anyOfPairs(pairs: string[], column?: "title" | "body"): string {
  const any = pairs.map((p) => `"${p.replaceAll('"', "")}"`).join(" OR ");
  return column ? `{${column}} : (${any})` : any;
}
