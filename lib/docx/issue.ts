// What a Word file is made from: the issue as the archive stores it (IssueDetail, for the site)
// or as the content loader reads it (LoadedIssue, for the command line and the tests), brought
// to one shape so both print the same document.
import type { Root } from "hast";
import type { IssueDetail } from "@/db/queries/archive";
import type { DistributionKind } from "@/db/schema";
import type { LoadedIssue, LoadedSeries } from "@/lib/content/load";

export type DocxIssue = {
  seriesId: string;
  seriesName: string;
  /** The masthead's red, #RRGGBB. */
  color: string;
  year: number;
  number: number;
  supplement: boolean;
  total: number | null;
  showTotal: boolean;
  organization: string;
  date: string;
  title: string;
  titleLines: string[];
  subtitle: string | null;
  preface: string | null;
  marking: string | null;
  editor: string;
  copies: number | null;
  articles: string[];
  distribution: Record<DistributionKind, string[]>;
  body: Root;
  /** The issue's file under the content root (jtyx/2022/003.mdx): its pictures sit beside it. */
  path: string;
  /** Not printed: carried in the file's custom properties for the importer (properties.ts). */
  visibility: "public" | "internal";
  status: "published" | "draft" | "withdrawn";
};

export function fromDetail(issue: IssueDetail): DocxIssue {
  return {
    seriesId: issue.seriesId,
    seriesName: issue.series.name,
    color: issue.series.color,
    year: issue.year,
    number: issue.number,
    supplement: issue.supplement,
    total: issue.total,
    showTotal: issue.series.showTotal,
    organization: issue.organization,
    date: issue.date,
    title: issue.title,
    titleLines: issue.titleLines,
    subtitle: issue.subtitle,
    preface: issue.preface,
    marking: issue.marking,
    editor: issue.editor,
    copies: issue.copies,
    articles: issue.articles,
    distribution: issue.distribution,
    body: issue.bodyTree as Root,
    path: issue.path,
    visibility: issue.visibility,
    status: issue.status,
  };
}

export function fromLoaded(issue: LoadedIssue, series: LoadedSeries): DocxIssue {
  const fm = issue.frontmatter;
  const r = issue.resolved;
  return {
    seriesId: series.definition.id,
    seriesName: series.definition.name,
    color: series.definition.color,
    year: issue.key.year,
    number: issue.key.number,
    supplement: issue.key.supplement,
    total: fm.total ?? null,
    showTotal: series.definition.numbering.showTotal,
    organization: r.organization,
    date: fm.date,
    title: r.title,
    titleLines: r.titleLines,
    subtitle: fm.subtitle ?? null,
    preface: fm.preface ?? null,
    marking: r.marking ?? null,
    editor: r.editor,
    copies: fm.copies ?? null,
    articles: issue.body.articles,
    distribution: r.distribution,
    body: issue.body.tree,
    path: issue.path,
    visibility: fm.visibility,
    status: fm.status,
  };
}
