// The studio's words for roles, draft statuses, visibility and the 报/送/发 lists, and the rules
// that go with them, in one module free of server code: pages, client components, queries and the
// command line all read these instead of keeping their own copies.
import type {
  AdoptionKind,
  AdoptionState,
  DistributionKind,
  DraftKind,
  DraftStatus,
  InstructionLevel,
  IssueRow,
  PointsRules,
  Role,
  SubmissionEventKind,
  SubmissionStatus,
  UnitLevel,
} from "@/db/schema";

export const ROLE_LABEL: Record<Role, string> = { contributor: "报送员", editor: "编辑", reviewer: "审核人", admin: "管理员" };

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

// ---- 信息报送

export const UNIT_LEVEL_LABEL: Record<UnitLevel, string> = {
  province: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇级",
  other: "其他",
};

/** A unit's level from what an import file or a form says (省级, 市级…, or the code itself). */
export function unitLevelFrom(text: string): UnitLevel | undefined {
  const t = text.trim();
  for (const [code, label] of Object.entries(UNIT_LEVEL_LABEL) as [UnitLevel, string][])
    if (t === code || t === label || `${t}级` === label) return code;
  return undefined;
}

export const SUBMISSION_STATUS_LABEL: Record<SubmissionStatus, string> = {
  submitted: "已报送",
  processing: "处理中",
  adopted: "已采用",
  rejected: "未采用",
  returned: "退回修改",
  published: "已刊用",
};

export const ADOPTION_KIND_LABEL: Record<AdoptionKind, string> = { full: "全文采用", excerpt: "摘编采用", combined: "综合采用" };
/** The short form, as in 已采用（摘编）. */
export const ADOPTION_KIND_SHORT: Record<AdoptionKind, string> = { full: "全文", excerpt: "摘编", combined: "综合" };

export const INSTRUCTION_LEVEL_LABEL: Record<InstructionLevel, string> = {
  county: "县级",
  city: "市级",
  province: "省级",
  central: "中央",
};

/** What an office starts from before it sets its own (the typical shape, ../shared/spec/xinxi-baosong.md). */
export const DEFAULT_POINTS_RULES: PointsRules = {
  submitted: 1,
  full: 10,
  excerpt: 5,
  combined: 3,
  published: 0,
  instruction: { county: 10, city: 20, province: 30, central: 80 },
  callOnTime: 5,
  callMissed: -5,
  zeroAfterMissedCalls: 2,
};

export const POINTS_RULE_LABEL: Record<Exclude<keyof PointsRules, "instruction">, string> = {
  submitted: "报送（每篇）",
  full: "全文采用",
  excerpt: "摘编采用",
  combined: "综合采用",
  published: "刊用",
  callOnTime: "按时响应约稿",
  callMissed: "未响应约稿",
  zeroAfterMissedCalls: "全年未响应约稿达此次数，年度积分计零",
};

/** The byline an adopted article carries: （团长治市委供稿）, from the unit's short name when it has one. */
export const bylineOf = (unit: { name: string; shortName: string | null }): string => `（${unit.shortName || unit.name}供稿）`;

/** A submission's status as lists show it: 已采用（全文） once the adoption's kind is known. */
export const submissionStatusText = (status: SubmissionStatus, kind: AdoptionKind | null): string =>
  status === "adopted" && kind ? `${SUBMISSION_STATUS_LABEL.adopted}（${ADOPTION_KIND_SHORT[kind]}）` : SUBMISSION_STATUS_LABEL[status];

/** A submission's timeline (submission_events) in words. */
export const SUBMISSION_EVENT_LABEL: Record<SubmissionEventKind, string> = {
  submitted: "报送",
  resubmitted: "修改后重新报送",
  processing: "开始处理",
  adopted: "采用",
  rejected: "未采用",
  returned: "退回修改",
  unadopted: "撤销采用",
  published: "刊用",
  instruction: "获领导批示",
};

/** Where an adopted article stands: in an open draft, printed, or taken out again. */
export const ADOPTION_STATE_LABEL: Record<AdoptionState, string> = { pending: "待刊用", published: "已刊用", withdrawn: "已撤下" };
/** A 约稿's state on the lists (lib/xinxi/calls.ts callStatus). */
export const CALL_STATUS_LABEL = { open: "进行中", past: "已截止", closed: "已关闭" } as const;

/** How a unit answered a 约稿 (lib/xinxi/calls.ts AnswerState). */
export const CALL_ANSWER_LABEL = {
  "on-time": "按时响应",
  late: "逾期响应",
  missed: "未响应",
  open: "尚未响应",
  void: "约稿已提前关闭",
} as const;

/** A 约稿 addressed to every unit. */
export const CALL_ALL_UNITS = "全部单位";
