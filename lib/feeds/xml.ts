// Builds RSS 2.0 and Atom 1.0 documents from plain data. Text is escaped for XML and stripped of
// the control characters XML 1.0 forbids, so no title or summary can break a reader's parser.

export type FeedItem = {
  title: string;
  /** Absolute URL of the issue page; also its permanent id. */
  url: string;
  /** YYYY-MM-DD: bulletins carry a date, not a time; it is taken as midnight in China (UTC+8). */
  date: string;
  summary: string;
  category: string;
  author: string;
};

export type FeedChannel = {
  title: string;
  description: string;
  /** Absolute URL of the HTML page the feed mirrors. */
  home: string;
  /** Absolute URL of the feed itself. */
  self: string;
  items: FeedItem[];
};

export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const instant = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The newest item's date, or a fixed epoch for an empty feed (stable output, cacheable). */
const updatedOf = (items: FeedItem[]) =>
  items.length > 0
    ? instant(
        items
          .map((i) => i.date)
          .sort()
          .at(-1)!,
      )
    : new Date(0);

/** RSS readers take <description> as HTML: the plain summary is escaped as HTML, then as XML. */
export function rss(channel: FeedChannel): string {
  const e = escapeXml;
  const items = channel.items
    .map(
      (i) => `    <item>
      <title>${e(i.title)}</title>
      <link>${e(i.url)}</link>
      <guid isPermaLink="true">${e(i.url)}</guid>
      <pubDate>${instant(i.date).toUTCString()}</pubDate>
      <category>${e(i.category)}</category>
      <dc:creator>${e(i.author)}</dc:creator>
      <description>${e(e(i.summary))}</description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${e(channel.title)}</title>
    <link>${e(channel.home)}</link>
    <description>${e(channel.description)}</description>
    <language>zh-CN</language>
    <lastBuildDate>${updatedOf(channel.items).toUTCString()}</lastBuildDate>
    <atom:link href="${e(channel.self)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}

export function atom(channel: FeedChannel): string {
  const e = escapeXml;
  const entries = channel.items
    .map(
      (i) => `  <entry>
    <title>${e(i.title)}</title>
    <link rel="alternate" type="text/html" href="${e(i.url)}"/>
    <id>${e(i.url)}</id>
    <published>${instant(i.date).toISOString()}</published>
    <updated>${instant(i.date).toISOString()}</updated>
    <author><name>${e(i.author)}</name></author>
    <category term="${e(i.category)}"/>
    <summary>${e(i.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <title>${e(channel.title)}</title>
  <subtitle>${e(channel.description)}</subtitle>
  <link rel="alternate" type="text/html" href="${e(channel.home)}"/>
  <link rel="self" type="application/atom+xml" href="${e(channel.self)}"/>
  <id>${e(channel.self)}</id>
  <updated>${updatedOf(channel.items).toISOString()}</updated>
${entries}
</feed>
`;
}
