// The 信息报送 mailer (lib/xinxi/mailer.ts) against a real SMTP server this test starts (smtp-server
// on 127.0.0.1, an OS-chosen port, with a password): who receives what, in Chinese with a link;
// a refused mail tried again later and then sent; and the cursor and the outbox surviving a
// restart, so nothing is composed or sent twice.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCursor } from "@/db/queries/xinxi/mail";
import { mailOutbox } from "@/db/schema";
import { closeDb, db } from "@/lib/database";
import { readEnv } from "@/lib/env-schema.mjs";
import { CALLS_CURSOR, composeMails, EVENTS_CURSOR, MAX_ATTEMPTS, sendDueMails, smtpTransport, startMailer } from "@/lib/xinxi/mailer";
import { addCall, adopt, type NoticePeople, seedNoticePeople, submit } from "./lib/xinxi-notices-seed";

const ORIGIN = "https://jianbao.example.org";
const FROM = "简报编辑室 <jianbao@example.org>";

type Received = { from: string; to: string[]; headers: Record<string, string>; subject: string; text: string };

/** RFC 2047 words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) as text. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, "?==?").replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(
          data.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/** A single-part text message as nodemailer writes it: headers, and a base64 or quoted-printable body. */
function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? Buffer.from(
            body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            "latin1",
          ).toString("utf8")
        : body;
  return { headers, text: text.replace(/\r\n/g, "\n") };
}

const received: Received[] = [];
let refuseNext = 0;
let server: SMTPServer;
let url: string;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "jianbao" && auth.password === "s3cret") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuseNext > 0) {
          refuseNext--;
          const error = Object.assign(new Error("mailbox temporarily unavailable"), { responseCode: 451 });
          return callback(error);
        }
        const { headers, text } = parseMessage(Buffer.concat(chunks).toString("latin1"));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          headers,
          subject: decodeWords(headers.subject ?? ""),
          text,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `smtp://jianbao:s3cret@127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let p: NoticePeople;
const T0 = new Date("2026-12-01T02:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const transport = () => smtpTransport(url);
const outbox = () => db().select().from(mailOutbox).all();
const take = () => received.splice(0, received.length);

describe("the mailer", () => {
  beforeAll(() => {
    p = seedNoticePeople();
    // An event and a call from before mail was switched on: the first round starts after them.
    submit({ unitId: p.unitA.id, seriesId: "jtyx", title: "开通之前的稿件", actorId: p.a1, at: at(0) });
    addCall({ seriesId: "jtyx", topic: "开通之前的约稿", unitIds: "all", deadline: at(9999), createdBy: p.editorJ, at: at(0) });
    expect(composeMails(db(), ORIGIN, at(1))).toBe(0);
    expect(readCursor(db(), EVENTS_CURSOR)).toBeGreaterThan(0);
    expect(readCursor(db(), CALLS_CURSOR)).toBeGreaterThan(0);
  });

  it("mails a new submission to the editors, reviewers and admins of its series, and no one else", async () => {
    const s = submit({ unitId: p.unitA.id, seriesId: "jtyx", title: "长治青年志愿服务", actorId: p.a1, at: at(10) });
    expect(composeMails(db(), ORIGIN, at(11))).toBe(3);
    expect(await sendDueMails(db(), transport(), FROM, at(11))).toEqual({ sent: 3, failed: 0 });
    const mails = take();
    expect(mails.flatMap((m) => m.to).sort()).toEqual(["ad@example.org", "ej@example.org", "rv@example.org"]);
    for (const m of mails) {
      expect(m.from).toBe("jianbao@example.org");
      expect(m.subject).toBe("【信息报送】团长治市委报送了《长治青年志愿服务》");
      expect(m.text).toContain("报送单位：共青团长治市委员会");
      expect(m.text).toContain(`${ORIGIN}/studio/submissions/${s.id}`);
      expect(m.headers["content-type"]).toMatch(/^text\/plain/);
    }
  });

  it("mails a status change to 已采用 to the unit's contributors and contact only", async () => {
    const s = submit({ unitId: p.unitA.id, seriesId: "qnyj", title: "长治青年研究", actorId: p.a2, at: at(20) });
    adopt(s.id, p.editorQ, at(21));
    // The submission goes to qnyj's editor and the two who work on all; the adoption to unit A.
    expect(composeMails(db(), ORIGIN, at(22))).toBe(6);
    await sendDueMails(db(), transport(), FROM, at(22));
    const mails = take().filter((m) => m.subject.includes("已采用"));
    expect(mails.flatMap((m) => m.to).sort()).toEqual(["a1@example.org", "a2@example.org", "contact-a@example.org"]);
    for (const m of mails) {
      expect(m.to).toHaveLength(1);
      expect(m.subject).toBe("【信息报送】团长治市委的《长治青年研究》已采用（全文）");
      expect(m.text).toContain(`${ORIGIN}/studio/submissions/${s.id}`);
      expect(m.text).toContain(`${ORIGIN}/studio/notices`);
      expect(m.text).not.toContain("太原");
    }
  });

  it("mails a new 约稿 to the addressed units only", async () => {
    const call = addCall({
      seriesId: "jtyx",
      topic: "岁末年初安全稳定",
      unitIds: [p.unitB.id],
      deadline: new Date("2026-12-10T10:00:00Z"),
      createdBy: p.editorJ,
      at: at(30),
    });
    expect(composeMails(db(), ORIGIN, at(31))).toBe(2);
    await sendDueMails(db(), transport(), FROM, at(31));
    const mails = take();
    expect(mails.flatMap((m) => m.to).sort()).toEqual(["b1@example.org", "contact-b@example.org"]);
    for (const m of mails) {
      expect(m.subject).toBe("【约稿】岁末年初安全稳定（截止 12月10日）");
      expect(m.text).toContain("新的约稿：岁末年初安全稳定，截止 12月10日");
      expect(m.text).toContain("请围绕「岁末年初安全稳定」报送信息。");
      expect(m.text).toContain(`${ORIGIN}/studio/calls/${call.id}`);
      expect(m.text).not.toContain("长治");
    }
  });

  it("tries a refused mail again later, and then sends it once", async () => {
    const s2 = submit({ unitId: p.unitB.id, seriesId: "jtyx", title: "太原团建观察", actorId: p.b1, at: at(50) });
    adopt(s2.id, p.editorJ, at(51));
    composeMails(db(), ORIGIN, at(52));
    refuseNext = 1;
    const first = await sendDueMails(db(), transport(), FROM, at(52));
    expect(first.failed).toBe(1);
    const failed = outbox().filter((m) => !m.sentAt);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 1, nextAttemptAt: at(53) });
    expect(failed[0]!.lastError).toMatch(/451|temporarily/);
    const sentBefore = take().length;
    expect(sentBefore).toBe(first.sent);
    // Not due yet half a minute later; due after a minute.
    expect(await sendDueMails(db(), transport(), FROM, new Date(at(52).getTime() + 30_000))).toEqual({ sent: 0, failed: 0 });
    expect(await sendDueMails(db(), transport(), FROM, at(53))).toEqual({ sent: 1, failed: 0 });
    const [retried] = take();
    expect(retried!.to).toEqual([failed[0]!.to]);
    expect(retried!.subject).toBe(failed[0]!.subject);
    expect(outbox().filter((m) => !m.sentAt)).toEqual([]);
  });

  it("gives a mail up after the bound of attempts", async () => {
    const s = submit({ unitId: p.unitB.id, seriesId: "none", title: "无人负责的刊物", actorId: p.b1, at: at(60) });
    adopt(s.id, p.admin, at(61));
    // To the admin and the all-series reviewer (no one else works on "none"), and to unit B.
    expect(composeMails(db(), ORIGIN, at(62))).toBe(4);
    refuseNext = 1000;
    let now = at(62);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await sendDueMails(db(), transport(), FROM, now);
      now = new Date(now.getTime() + 7 * 60 * 60_000);
    }
    refuseNext = 0;
    const given = outbox().filter((m) => !m.sentAt);
    expect(given.map((m) => m.attempts)).toEqual([MAX_ATTEMPTS, MAX_ATTEMPTS, MAX_ATTEMPTS, MAX_ATTEMPTS]);
    expect(given.every((m) => m.lastError?.includes("451"))).toBe(true);
    expect(await sendDueMails(db(), transport(), FROM, new Date(now.getTime() + 365 * 24 * 60 * 60_000))).toEqual({ sent: 0, failed: 0 });
    expect(take()).toEqual([]);
  });

  it("survives a restart between composing and sending: nothing lost, nothing twice", async () => {
    const s = submit({ unitId: p.unitA.id, seriesId: "jtyx", title: "重启前的稿件", actorId: p.a1, at: at(70) });
    adopt(s.id, p.editorJ, at(71));
    expect(composeMails(db(), ORIGIN, at(72))).toBe(6);
    const cursor = readCursor(db(), EVENTS_CURSOR);
    // The process dies here; a new one opens the database again.
    closeDb();
    expect(readCursor(db(), EVENTS_CURSOR)).toBe(cursor);
    expect(composeMails(db(), ORIGIN, at(73))).toBe(0);
    expect(await sendDueMails(db(), transport(), FROM, at(73))).toEqual({ sent: 6, failed: 0 });
    closeDb();
    expect(composeMails(db(), ORIGIN, at(74))).toBe(0);
    expect(await sendDueMails(db(), transport(), FROM, at(74))).toEqual({ sent: 0, failed: 0 });
    const mails = take();
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => `${m.to[0]} ${m.subject}`)).size).toBe(6);
  });

  it("sends a mail whose sender died after claiming it once its lease runs out", async () => {
    const s = submit({ unitId: p.unitA.id, seriesId: "qnyj", title: "发送中断的稿件", actorId: p.a1, at: at(80) });
    expect(composeMails(db(), ORIGIN, at(81))).toBe(3);
    const { claimDueMails } = await import("@/db/queries/xinxi/mail");
    // Claimed by a round that then crashed before it sent.
    expect(claimDueMails(db(), { now: at(81), leaseUntil: at(91), limit: 20 })).toHaveLength(3);
    expect(await sendDueMails(db(), transport(), FROM, at(85))).toEqual({ sent: 0, failed: 0 });
    expect(await sendDueMails(db(), transport(), FROM, at(91))).toEqual({ sent: 3, failed: 0 });
    expect(take().every((m) => m.text.includes(`/studio/submissions/${s.id}`))).toBe(true);
  });
});

describe("switching mail on", () => {
  it("takes only smtp:// or smtps:// URLs and a sender address", () => {
    expect(readEnv({ SMTP_URL: "smtp://jianbao:pw@127.0.0.1:2525" }).SMTP_URL).toBe("smtp://jianbao:pw@127.0.0.1:2525");
    expect(readEnv({ SMTP_URL: "smtps://jianbao:pw@mail.example.org" }).SMTP_URL).toBe("smtps://jianbao:pw@mail.example.org");
    expect(() => readEnv({ SMTP_URL: "https://mail.example.org" })).toThrow(/SMTP_URL/);
    expect(readEnv({ MAIL_FROM: "简报编辑室 <jianbao@example.org>" }).MAIL_FROM).toBe("简报编辑室 <jianbao@example.org>");
    expect(() => readEnv({ MAIL_FROM: "jianbao" })).toThrow(/MAIL_FROM/);
  });

  it("stays off without SMTP_URL: no timer", () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    startMailer();
    expect((globalThis as { jianbaoMailer?: unknown }).jianbaoMailer).toBeUndefined();
  });
});
