import type { Metadata, Viewport } from "next";
import "./globals.css";
import { OPEN_GRAPH_SITE, pageOrigin, SITE_FEEDS } from "@/lib/feeds/origin";

export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: await pageOrigin(),
    title: { default: "简报 · 公开简报档案", template: "%s · 简报" },
    description: "简报、要讯、信息的公开档案：按刊物和年份浏览，在线阅读，打印正式版式。",
    openGraph: { ...OPEN_GRAPH_SITE, type: "website" },
    alternates: { types: SITE_FEEDS },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
