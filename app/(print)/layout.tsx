// The official layout lives outside the archive's chrome: the page is the document.
export const dynamic = "force-dynamic";

export default function PrintLayout({ children }: { children: React.ReactNode }) {
  return children;
}
