// Pages shown inside the studio (the live preview's frame): no studio chrome, the page is the document.
import type { Metadata } from "next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function StudioFrameLayout({ children }: { children: React.ReactNode }) {
  return children;
}
