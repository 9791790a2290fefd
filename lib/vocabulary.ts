// The studio's words for roles, draft statuses, visibility and the 报/送/发 lists, and the rules
// that go with them, in one module free of server code: pages, client components, queries and the
// command line all read these instead of keeping their own copies.
import type { DistributionKind, DraftKind, DraftStatus, IssueRow, Role } from "@/db/schema";

export const ROLE_LABEL: Record<Role, string> = { editor: "编辑", reviewer: "审核人", admin: "管理员" };

/** The roles in rank order, as a form offers them (a Record keeps its keys in the order written). */
export const ROLE_OPTIONS = (Object.keys(ROLE_LABEL) as Role[]).map((value) => ({ value, label: ROLE_LABEL[value] }));

/** Admins, and users given "all series", work on every series, including those added later. */
export const worksOnEverySeries = (user: { role: Role; allSeries: boolean }): boolean => user.role === "admin" || user.allSeries;

export const ALL_SERIES_LABEL = "全部刊物";

/**
 * Statuses in which a draft can still change (and a new issue holds its number). The queries keep
 * their own copy (db/queries/studio/common.ts: db/ takes only types from lib/, and this list must
 * reach the browser); test/vocabulary.test.ts keeps the two equal.
 */
export const OPEN_STATUSES = ["draft", "submitted", "approved"] as const satisfies readonly DraftStatus[];
export const isOpen = (status: DraftStatus): boolean => (OPEN_STATUSES as readonly DraftStatus[]).includes(status);
export const OPEN_LABEL = "进行中";

/** A draft's status, and "withdrawn" for a published issue taken back from the public. */
export const STATUS_LABEL: Record<DraftStatus | "withdrawn", string> = {
  draft: "草稿",
  submitted: "待审",
  approved: "已签发",
  published: "已发布",
  abandoned: "已放弃",
  withdrawn: "已撤回",
};

export const DRAFT_KIND_LABEL: Record<DraftKind, string> = { new: "新一期", correction: "更正" };

export const VISIBILITY_LABEL: Record<IssueRow["visibility"], string> = { public: "公开", internal: "内部" };

/** 报／送／发, in the order a bulletin prints them. */
export const DISTRIBUTION_KINDS = ["report", "send", "issue"] as const satisfies readonly DistributionKind[];
export const DISTRIBUTION_LABEL: Record<DistributionKind, string> = { report: "报", send: "送", issue: "发" };
