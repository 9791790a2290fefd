// Tables of the metadata index. Published issues live as MDX files in content/; these rows are
// derived from them by the content sync and can be rebuilt from the files at any time.
import { relations, sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const series = sqliteTable("series", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  organization: text("organization").notNull(),
  color: text("color").notNull(),
  showTotal: integer("show_total", { mode: "boolean" }).notNull().default(false),
  // The whole validated definition, as JSON, so defaults (distribution lists, marking) travel with it.
  definition: text("definition", { mode: "json" }).notNull(),
  path: text("path").notNull(),
  contentHash: text("content_hash").notNull(),
  syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
});

export const issues = sqliteTable(
  "issues",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: text("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    supplement: integer("supplement", { mode: "boolean" }).notNull().default(false),
    total: integer("total"),
    organization: text("organization").notNull(),
    date: text("date").notNull(),
    title: text("title").notNull(),
    titleLines: text("title_lines", { mode: "json" }).$type<string[]>().notNull(),
    subtitle: text("subtitle"),
    preface: text("preface"),
    marking: text("marking"),
    editor: text("editor").notNull(),
    copies: integer("copies"),
    visibility: text("visibility", { enum: ["public", "internal"] }).notNull(),
    status: text("status", { enum: ["published", "draft", "withdrawn"] }).notNull(),
    articles: text("articles", { mode: "json" }).$type<string[]>().notNull(),
    path: text("path").notNull(),
    contentHash: text("content_hash").notNull(),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("issues_path_unique").on(t.path),
    uniqueIndex("issues_number_unique").on(t.seriesId, t.year, t.supplement, t.number),
    index("issues_date_idx").on(t.date),
    // A series' issues in reading order: 上一期/下一期 and series lists without scanning the series.
    index("issues_series_order_idx").on(t.seriesId, t.date, t.year, t.supplement, t.number),
  ],
);

// The body of each issue, apart from its row in `issues`: a body is tens of kilobytes, and with it
// inline every scan of the issues (counts, lists, the search's metadata) read a page per issue.
export const issueBodies = sqliteTable("issue_bodies", {
  issueId: integer("issue_id")
    .primaryKey()
    .references(() => issues.id, { onDelete: "cascade" }),
  // Compiled body: a sanitised HTML syntax tree (hast) as JSON, rendered without evaluating code.
  tree: text("tree", { mode: "json" }).notNull(),
  // Plain text, paragraphs separated by newlines (search snippets, summaries).
  text: text("text").notNull(),
});

export const distributionKinds = ["report", "send", "issue"] as const;
export type DistributionKind = (typeof distributionKinds)[number];

export const distributions = sqliteTable(
  "distributions",
  {
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: distributionKinds }).notNull(),
    position: integer("position").notNull(),
    body: text("body").notNull(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.kind, t.position] }), index("distributions_body_idx").on(t.body)],
);

// Every file the sync has seen, with the hash it had then, so an unchanged file is skipped.
// `retry` marks files whose outcome depends on other files (a duplicate number), re-checked every sync.
// `stamp` (size, modification time, inode, series hash, compiler version) lets a re-sync skip an
// untouched file without reading it.
export const contentFiles = sqliteTable("content_files", {
  path: text("path").primaryKey(),
  kind: text("kind", { enum: ["series", "issue"] }).notNull(),
  hash: text("hash").notNull(),
  stamp: text("stamp"),
  ok: integer("ok", { mode: "boolean" }).notNull(),
  retry: integer("retry", { mode: "boolean" }).notNull().default(false),
  syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
});

// Problems found by the last sync, one row per file:line:field, so the site can tell editors
// which files it skipped and why.
export const contentProblems = sqliteTable(
  "content_problems",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    path: text("path").notNull(),
    line: integer("line").notNull(),
    column: integer("column"),
    field: text("field").notNull(),
    code: text("code").notNull(),
    message: text("message").notNull(),
  },
  (t) => [index("content_problems_path_idx").on(t.path)],
);

// ---- The studio: accounts, drafts and their history. Unlike the index above these rows are
// the only record of what they hold (a draft exists nowhere else), so they are never rebuilt.

// In rank order: each role has the powers of those before it, except a contributor (报送员), who
// works only on the 信息报送 pages of their own unit and sees nothing of the studio's drafts.
export const roles = ["contributor", "editor", "reviewer", "admin"] as const;
export type Role = (typeof roles)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Stored lower-cased: sign-in and uniqueness ignore case.
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: roles }).notNull(),
    // scrypt, self-describing: "scrypt$N$r$p$salt$hash" (base64url).
    passwordHash: text("password_hash").notNull(),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    // Works on every series, present and future. Explicit: a user with no user_series rows and
    // allSeries false works on none (the migration adding it set it for the users who had no rows before).
    allSeries: integer("all_series", { mode: "boolean" }).notNull().default(false),
    // Raised by "sign out everywhere" and by password changes: tokens carrying an older epoch are refused.
    sessionEpoch: integer("session_epoch").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    lastSignInAt: integer("last_sign_in_at", { mode: "timestamp_ms" }),
    // A contributor's unit (required for that role, set by the studio and the CLI); null for others.
    unitId: integer("unit_id"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

// The series a user works on (unless users.allSeries; admins always work on all). No foreign key to
// `series`: those rows are rebuilt by the content sync, and a broken series file must not cost
// its editors their membership.
export const userSeries = sqliteTable(
  "user_series",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seriesId: text("series_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.seriesId] })],
);

// Sign-in attempts per account × address ("pair:…"), per address ("ip:…") and per account over
// all addresses ("email:…"), for throttling and lockout (lib/auth/throttle.ts). An attempt is
// counted here before its password is checked. Rows idle past their window are pruned.
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull(),
    firstAt: integer("first_at", { mode: "timestamp_ms" }).notNull(),
    lastAt: integer("last_at", { mode: "timestamp_ms" }).notNull(),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
  },
  (t) => [index("sign_in_failures_last_at_idx").on(t.lastAt)],
);

// Addresses an account has recently signed in from with the right password: the slow-down that a
// guess spread over many addresses puts on an account does not apply there.
export const signInAddresses = sqliteTable(
  "sign_in_addresses",
  {
    email: text("email").notNull(),
    address: text("address").notNull(),
    lastSuccessAt: integer("last_success_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.email, t.address] }), index("sign_in_addresses_last_idx").on(t.lastSuccessAt)],
);

// The one-time link printed on the very first start, which lets its holder create the first admin.
export const setupTokens = sqliteTable("setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
});

export const draftStatuses = ["draft", "submitted", "approved", "published", "abandoned"] as const;
export type DraftStatus = (typeof draftStatuses)[number];
export const draftKinds = ["new", "correction"] as const;
export type DraftKind = (typeof draftKinds)[number];

// An issue on its way to content/: a new issue holding its number, or a correction of a
// published file. Its text lives in `revisions`; `headRevisionId` is the latest.
export const drafts = sqliteTable(
  "drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: draftKinds }).notNull(),
    seriesId: text("series_id").notNull(),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    supplement: integer("supplement", { mode: "boolean" }).notNull().default(false),
    // Path under content/ this draft publishes to, e.g. "jtyx/2022/003.mdx".
    path: text("path").notNull(),
    // sha256 of the file as it was read when a correction started; null for a new issue, whose
    // file must not exist. Publishing refuses when the file on disk no longer matches.
    baseHash: text("base_hash"),
    status: text("status", { enum: draftStatuses }).notNull(),
    // The head revision's title, kept here so lists need not parse every source.
    title: text("title").notNull().default(""),
    headRevisionId: integer("head_revision_id"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    // Bumped by triggers (migration 0008) on insert and on every write of updated_at: "newest
    // first" must not depend on two changes landing in different milliseconds.
    changeSeq: integer("change_seq").notNull().default(0),
    submittedBy: integer("submitted_by").references(() => users.id),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    // 签发: who approved which revision, and when. Any edit after approval clears these.
    approvedBy: integer("approved_by").references(() => users.id),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    approvedRevisionId: integer("approved_revision_id"),
    scheduledAt: integer("scheduled_at", { mode: "timestamp_ms" }),
    publishedBy: integer("published_by").references(() => users.id),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Held numbers: one live new-issue draft per number. Published and abandoned drafts let go of
    // theirs (a published number is then held by its file in `issues`).
    uniqueIndex("drafts_number_held")
      .on(t.seriesId, t.year, t.supplement, t.number)
      .where(sql`kind = 'new' AND status IN ('draft', 'submitted', 'approved')`),
    // One open correction per published file.
    uniqueIndex("drafts_open_correction").on(t.path).where(sql`kind = 'correction' AND status IN ('draft', 'submitted', 'approved')`),
    index("drafts_status_idx").on(t.status, t.updatedAt),
    index("drafts_change_seq_idx").on(t.changeSeq),
  ],
);

// A publication under way: claimed in a transaction before anything is written to content/, so
// a second publication of the same draft or file (double click, the scheduler, another process)
// is refused, saves are held off, and a crash mid-way can be finished or undone on the next start
// from what is recorded here (the old file's bytes, the new file's hash, the pictures it adds).
export const publishClaims = sqliteTable("publish_claims", {
  draftId: integer("draft_id")
    .primaryKey()
    .references(() => drafts.id),
  // One publication per file at a time, whichever draft it comes from.
  path: text("path").notNull().unique(),
  // host:pid:nonce of the process doing it; a claim whose process is gone is a crash's leftover.
  owner: text("owner").notNull(),
  // The last step reached (lib/studio/publish-steps.ts), for the log and the operator.
  step: text("step").notNull(),
  revisionId: integer("revision_id").notNull(),
  actorId: integer("actor_id").references(() => users.id),
  actorEmail: text("actor_email").notNull(),
  newHash: text("new_hash").notNull(),
  // The file as it was before (null for a new issue): what a rollback puts back.
  oldHash: text("old_hash"),
  oldBytes: blob("old_bytes", { mode: "buffer" }),
  // The pictures the issue shows, with their hashes and whether each was already in content/.
  pictures: text("pictures", { mode: "json" }).$type<{ name: string; hash: string; existed: boolean }[]>().notNull(),
  startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

// A withdrawal (撤回) or a republication (恢复发布) under way: like a publication's claim, taken
// before the file's status line is rewritten, so a second operation on the same file is refused
// and a crash mid-way is finished or undone on the next start. Keyed by the file, as there is no
// draft: the old bytes are what a rollback puts back, the new hash what a roll-forward finds.
export const statusClaims = sqliteTable("status_claims", {
  path: text("path").primaryKey(),
  kind: text("kind", { enum: ["withdraw", "republish"] }).notNull(),
  owner: text("owner").notNull(),
  step: text("step").notNull(),
  actorId: integer("actor_id").references(() => users.id),
  actorEmail: text("actor_email").notNull(),
  reason: text("reason"),
  newHash: text("new_hash").notNull(),
  oldHash: text("old_hash").notNull(),
  oldBytes: blob("old_bytes", { mode: "buffer" }).notNull(),
  startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

export const revisionKinds = ["create", "save", "autosave", "restore", "merge"] as const;
export type RevisionKind = (typeof revisionKinds)[number];

// Every save of a draft: the whole MDX source (frontmatter and body), who saved it and when.
export const revisions = sqliteTable(
  "revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    draftId: integer("draft_id")
      .notNull()
      .references(() => drafts.id, { onDelete: "cascade" }),
    // 1, 2, 3… within the draft: what the studio calls 第N版.
    seq: integer("seq").notNull(),
    // The revision this one was based on (null for the first): the merge base after a conflict.
    parentId: integer("parent_id"),
    kind: text("kind", { enum: revisionKinds }).notNull(),
    source: text("source").notNull(),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    note: text("note"),
  },
  (t) => [uniqueIndex("revisions_draft_seq_unique").on(t.draftId, t.seq)],
);

// Pictures uploaded into a draft. They live with the draft (not in content/) until publication
// writes the ones its text shows into content/<series>/<year>/<NNN>.media/. A picture's name is
// taken from its bytes, so a name always means the same picture: in every revision, after a
// delete and a new upload, and in the published folder.
export const draftMedia = sqliteTable(
  "draft_media",
  {
    draftId: integer("draft_id")
      .notNull()
      .references(() => drafts.id, { onDelete: "cascade" }),
    // "3f9a1c0b2e4d.png": the file name in the issue's media folder.
    name: text("name").notNull(),
    // The uploader's file name, shown in the studio only.
    originalName: text("original_name").notNull(),
    type: text("type").notNull(),
    size: integer("size").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    uploadedBy: integer("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: integer("uploaded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.name] })],
);

export const reviewActions = ["submit", "comment", "return", "approve", "publish", "schedule", "unschedule", "abandon"] as const;
export type ReviewAction = (typeof reviewActions)[number];

// The conversation around a draft: submissions, reviewers' comments, returns and sign-off.
export const reviewEvents = sqliteTable(
  "review_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    draftId: integer("draft_id")
      .notNull()
      .references(() => drafts.id, { onDelete: "cascade" }),
    revisionId: integer("revision_id"),
    actorId: integer("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action", { enum: reviewActions }).notNull(),
    comment: text("comment"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("review_events_draft_idx").on(t.draftId, t.createdAt)],
);

// A reusable list of bodies for 报/送/发, per series, managed in the studio.
export const distributionPresets = sqliteTable(
  "distribution_presets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: text("series_id").notNull(),
    name: text("name").notNull(),
    report: text("report", { mode: "json" }).$type<string[]>().notNull(),
    send: text("send", { mode: "json" }).$type<string[]>().notNull(),
    issue: text("issue", { mode: "json" }).$type<string[]>().notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("distribution_presets_name_unique").on(t.seriesId, t.name)],
);

// Who did what: sign-ins (and failed ones), publications, withdrawals, user and role changes.
// Append-only; actorId is null for the system (scheduled publishing, first-start setup).
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id"),
    // The actor's e-mail at the time, so the log still reads after a user is renamed.
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    target: text("target"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

// ---- 信息报送: units submit, editors adopt, the office scores and reports (issue 15). Like the
// studio's tables these are the only record of what they hold; none of it is ever public.

export const unitLevels = ["province", "city", "county", "township", "other"] as const;
export type UnitLevel = (typeof unitLevels)[number];

// The tree of units (单位库): 共青团山西省委 → 共青团长治市委 → 共青团长治市潞州区委. A unit is never
// deleted once it has submissions; `disabled` retires it from forms and rankings.
export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    shortName: text("short_name"),
    parentId: integer("parent_id"),
    level: text("level", { enum: unitLevels }).notNull(),
    // Position among its siblings, as imported or arranged.
    position: integer("position").notNull().default(0),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("units_name_unique").on(t.name), index("units_parent_idx").on(t.parentId, t.position)],
);

export const submissionStatuses = ["submitted", "processing", "adopted", "rejected", "returned", "published"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
export const adoptionKinds = ["full", "excerpt", "combined"] as const;
export type AdoptionKind = (typeof adoptionKinds)[number];

// A 信息稿件: what a unit sent, to which series, and where it stands. Its text lives in
// `submission_versions` (a resubmission after 退回修改 adds a version, never overwrites one).
export const submissions = sqliteTable(
  "submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id").notNull(),
    seriesId: text("series_id").notNull(),
    // The 约稿 it answers, if any.
    callId: integer("call_id"),
    // The head version's title, kept here for lists and search.
    title: text("title").notNull(),
    status: text("status", { enum: submissionStatuses }).notNull(),
    // How it was used, once 已采用 (and kept through 已刊用).
    adoptionKind: text("adoption_kind", { enum: adoptionKinds }),
    urgent: integer("urgent", { mode: "boolean" }).notNull().default(false),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    headVersionId: integer("head_version_id"),
    // The reason given with 退回修改 or 未采用.
    decisionNote: text("decision_note"),
    submittedBy: integer("submitted_by").notNull(),
    // First submission: what 报送数 and "约稿 answered on time" count.
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull(),
    // Latest resubmission.
    resubmittedAt: integer("resubmitted_at", { mode: "timestamp_ms" }),
    decidedBy: integer("decided_by"),
    // When it was 采用 / 未采用 / 退回修改: what 采用数 counts.
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    // 已刊用: the issue that printed it, as its content path and its printed name
    // (晋团要讯〔2026〕第5期); issue rows are rebuilt by the sync, so no id is kept.
    publishedPath: text("published_path"),
    publishedLabel: text("published_label"),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("submissions_unit_idx").on(t.unitId, t.submittedAt),
    index("submissions_series_idx").on(t.seriesId, t.submittedAt),
    index("submissions_status_idx").on(t.status, t.submittedAt),
    index("submissions_call_idx").on(t.callId, t.unitId),
    index("submissions_decided_idx").on(t.decidedAt),
    index("submissions_published_idx").on(t.publishedAt),
  ],
);

// Every version a unit sent: the MDX body as it came (typed, or brought in from Word), and for a
// Word file its original bytes, so the editor never loses what the unit sent.
export const submissionVersions = sqliteTable(
  "submission_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    originalName: text("original_name"),
    originalBytes: blob("original_bytes", { mode: "buffer" }),
    note: text("note"),
    authorId: integer("author_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("submission_versions_seq_unique").on(t.submissionId, t.seq)],
);

// Pictures of a submission, named by their bytes like a draft's (draft_media), copied into the
// draft that adopts it.
export const submissionMedia = sqliteTable(
  "submission_media",
  {
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    originalName: text("original_name").notNull(),
    type: text("type").notNull(),
    size: integer("size").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    uploadedBy: integer("uploaded_by").notNull(),
    uploadedAt: integer("uploaded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.name] })],
);

export const adoptionStates = ["pending", "published", "withdrawn"] as const;
export type AdoptionState = (typeof adoptionStates)[number];

// The link submission ↔ draft ↔ published issue. `pending` while the article sits in an open
// draft; `published` when that draft is published; `withdrawn` when the article was taken out of
// the draft (or the draft abandoned) before publication, which takes the adoption back.
export const adoptions = sqliteTable(
  "adoptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    draftId: integer("draft_id")
      .notNull()
      .references(() => drafts.id),
    kind: text("kind", { enum: adoptionKinds }).notNull(),
    state: text("state", { enum: adoptionStates }).notNull(),
    // The heading the article was inserted under, and its byline: how the draft's text is
    // checked for the article still being there.
    heading: text("heading").notNull(),
    byline: text("byline").notNull(),
    adoptedBy: integer("adopted_by").notNull(),
    adoptedAt: integer("adopted_at", { mode: "timestamp_ms" }).notNull(),
    settledAt: integer("settled_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("adoptions_submission_idx").on(t.submissionId), index("adoptions_draft_idx").on(t.draftId, t.state)],
);

// What happened to a submission, in order: the contributor's timeline, the notifications, and
// the audit of who decided what.
export const submissionEventKinds = [
  "submitted",
  "resubmitted",
  "processing",
  "adopted",
  "rejected",
  "returned",
  "unadopted",
  "published",
  "instruction",
] as const;
export type SubmissionEventKind = (typeof submissionEventKinds)[number];

export const submissionEvents = sqliteTable(
  "submission_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    // Denormalised from the submission so a unit's notifications are one index range.
    unitId: integer("unit_id").notNull(),
    kind: text("kind", { enum: submissionEventKinds }).notNull(),
    actorId: integer("actor_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("submission_events_submission_idx").on(t.submissionId, t.at), index("submission_events_unit_idx").on(t.unitId, t.at)],
);

// 约稿: a topic, what is wanted, a deadline, addressed to some units (call_units) or to all.
export const calls = sqliteTable(
  "calls",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: text("series_id").notNull(),
    topic: text("topic").notNull(),
    body: text("body").notNull(),
    deadline: integer("deadline", { mode: "timestamp_ms" }).notNull(),
    allUnits: integer("all_units", { mode: "boolean" }).notNull().default(false),
    closed: integer("closed", { mode: "boolean" }).notNull().default(false),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("calls_deadline_idx").on(t.deadline)],
);

export const callUnits = sqliteTable(
  "call_units",
  {
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.unitId] }), index("call_units_unit_idx").on(t.unitId)],
);

export const instructionLevels = ["county", "city", "province", "central"] as const;
export type InstructionLevel = (typeof instructionLevels)[number];

// 批示: a leader's instruction on a published issue or one of its articles, credited to the unit
// whose submission it was (unitId null: on the issue as a whole, credited to no unit).
export const instructions = sqliteTable(
  "instructions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: text("series_id").notNull(),
    // The issue's content path (jtyx/2026/005.mdx) and printed name.
    issuePath: text("issue_path").notNull(),
    issueLabel: text("issue_label").notNull(),
    // The article's heading, when the 批示 is on one article.
    article: text("article"),
    submissionId: integer("submission_id"),
    unitId: integer("unit_id"),
    level: text("level", { enum: instructionLevels }).notNull(),
    leader: text("leader").notNull(),
    // The day of the 批示 (YYYY-MM-DD): what the statistics count it under.
    date: text("date").notNull(),
    gist: text("gist").notNull(),
    recordedBy: integer("recorded_by").notNull(),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("instructions_date_idx").on(t.seriesId, t.date), index("instructions_issue_idx").on(t.issuePath)],
);

// A series' points table (积分办法) from a day on: the rules in force on a day are the row with
// the latest `validFrom` not after it, so a change applies from its date and never rewrites an
// earlier period. Rows are added, never edited in place once a period they cover has passed.
export type PointsRules = {
  submitted: number;
  full: number;
  excerpt: number;
  combined: number;
  published: number;
  instruction: Record<InstructionLevel, number>;
  callOnTime: number;
  callMissed: number;
  /** "Two missed 约稿 in a year and the unit's annual score is zero": the count, or null for no such rule. */
  zeroAfterMissedCalls: number | null;
};

export const pointsTables = sqliteTable(
  "points_tables",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: text("series_id").notNull(),
    validFrom: text("valid_from").notNull(),
    rules: text("rules", { mode: "json" }).$type<PointsRules>().notNull(),
    note: text("note"),
    updatedBy: integer("updated_by"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("points_tables_from_unique").on(t.seriesId, t.validFrom)],
);

// When each user last looked at their 信息报送 notifications: what "new since your last visit" means.
export const noticeMarks = sqliteTable("notice_marks", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
});

// How far a background job has read an append-only table (e.g. the mailer through
// submission_events), so a restart neither repeats nor skips.
export const jobCursors = sqliteTable("job_cursors", {
  name: text("name").primaryKey(),
  position: integer("position").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

// E-mails waiting to go out (when SMTP_URL is set): written in the same transaction as the change
// they report, sent after, retried with a bound, so a crash between the two loses nothing.
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
  },
  (t) => [index("mail_outbox_due_idx").on(t.sentAt, t.nextAttemptAt)],
);

export const seriesRelations = relations(series, ({ many }) => ({ issues: many(issues) }));
export const issuesRelations = relations(issues, ({ one, many }) => ({
  series: one(series, { fields: [issues.seriesId], references: [series.id] }),
  body: one(issueBodies, { fields: [issues.id], references: [issueBodies.issueId] }),
  distributions: many(distributions),
}));
export const distributionsRelations = relations(distributions, ({ one }) => ({
  issue: one(issues, { fields: [distributions.issueId], references: [issues.id] }),
}));

export type SeriesRow = typeof series.$inferSelect;
export type IssueRow = typeof issues.$inferSelect;
export type NewIssueRow = typeof issues.$inferInsert;
export type IssueBodyRow = typeof issueBodies.$inferSelect;
export type DistributionRow = typeof distributions.$inferSelect;
export type ContentFileRow = typeof contentFiles.$inferSelect;
export type ContentProblemRow = typeof contentProblems.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type DraftRow = typeof drafts.$inferSelect;
export type RevisionRow = typeof revisions.$inferSelect;
export type ReviewEventRow = typeof reviewEvents.$inferSelect;
export type DraftMediaRow = typeof draftMedia.$inferSelect;
export type DistributionPresetRow = typeof distributionPresets.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
export type PublishClaimRow = typeof publishClaims.$inferSelect;
export type StatusClaimRow = typeof statusClaims.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;
export type SubmissionVersionRow = typeof submissionVersions.$inferSelect;
export type SubmissionMediaRow = typeof submissionMedia.$inferSelect;
export type AdoptionRow = typeof adoptions.$inferSelect;
export type SubmissionEventRow = typeof submissionEvents.$inferSelect;
export type CallRow = typeof calls.$inferSelect;
export type InstructionRow = typeof instructions.$inferSelect;
export type PointsTableRow = typeof pointsTables.$inferSelect;
export type MailOutboxRow = typeof mailOutbox.$inferSelect;
