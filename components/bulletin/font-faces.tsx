// The @font-face rules of the official layout: faces cut down to one issue's characters when
// the text is known (`subsetKey`), the full files otherwise.
import { fontFaceCss, fullFontUrl } from "@/lib/fonts/faces";

export function FontFaces({ subsetKey }: { subsetKey?: string }) {
  const css = fontFaceCss(subsetKey ? (file) => `/font-subsets/${subsetKey}/${file}.ttf` : fullFontUrl);
  // The CSS is generated from constants and a hex key, never from content.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: see above; React would escape the CSS text otherwise
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}
