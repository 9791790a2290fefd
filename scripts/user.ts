// `npm run user:add|user:passwd|user:disable|user:enable|user:list`: studio accounts from the
// command line, e.g. the first admin on a server without a browser. Passwords are typed (hidden)
// on a terminal, read from stdin with --password-stdin, or generated and printed once.
import { parseArgs } from "node:util";
import { recordAudit } from "@/db/queries/studio/audit";
import { createUser, findUserByEmail, listUsers, setPasswordHash, updateUser } from "@/db/queries/users";
import { findUnitByName, listUnits } from "@/db/queries/xinxi/units";
import { type Role, roles } from "@/db/schema";
import { generatePassword, hashPassword, passwordProblem } from "@/lib/auth/password";
import { unlockAccount } from "@/lib/auth/throttle";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { ALL_SERIES_LABEL, worksOnEverySeries } from "@/lib/vocabulary";
import { readPassword, readStdinLine } from "./lib/prompt";

const USAGE = `用法：
  npm run user:add -- --email 邮箱 --name 姓名 --role editor|reviewer|admin [--series jtyx,qnxx | --series all]（不写 --series 即全部刊物） [--generate | --password-stdin]
  npm run user:add -- --email 邮箱 --name 姓名 --role contributor --unit 单位名称或简称 [--generate | --password-stdin]（报送员）
  npm run user:passwd -- --email 邮箱 [--generate | --password-stdin]
  npm run user:disable -- --email 邮箱
  npm run user:enable -- --email 邮箱
  npm run user:list`;

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    series: { type: "string" },
    unit: { type: "string" },
    generate: { type: "boolean", default: false },
    "password-stdin": { type: "boolean", default: false },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`错误：${message}\n\n${USAGE}`);
  process.exit(2);
}

const need = (name: "email" | "name" | "role") => values[name]?.trim() || fail(`缺少 --${name}`);

async function newPassword(): Promise<{ password: string; generated: boolean }> {
  if (values["password-stdin"]) {
    const password = await readStdinLine();
    const problem = passwordProblem(password);
    if (problem) fail(problem);
    return { password, generated: false };
  }
  if (values.generate || !process.stdin.isTTY) return { password: generatePassword(), generated: true };
  for (;;) {
    const password = await readPassword("新密码（不回显，直接回车则自动生成）：");
    if (!password) return { password: generatePassword(), generated: true };
    const problem = passwordProblem(password);
    if (problem) {
      console.error(problem);
      continue;
    }
    if ((await readPassword("再输入一次：")) === password) return { password, generated: false };
    console.error("两次输入不一致，请重来");
  }
}

const announce = (email: string, p: { password: string; generated: boolean }) => {
  if (p.generated) console.log(`${email} 的密码（只显示这一次，请转交本人并提醒其登录后修改）：\n\n    ${p.password}\n`);
};

const d = db();
try {
  switch (command) {
    case "add": {
      const email = need("email");
      const name = need("name");
      const role = need("role");
      if (!(roles as readonly string[]).includes(role)) fail(`--role 只能是 ${roles.join("、")}`);
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) fail(`「${email}」不是有效的邮箱地址`);
      // Left out or "all": every series, stored as such (users.allSeries); a list: exactly those.
      const allSeries = values.series === undefined || values.series.trim() === "all";
      const seriesIds = allSeries
        ? []
        : (values.series ?? "")
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean);
      if (!allSeries && seriesIds.length === 0) fail("--series 要写刊物代号（用逗号分隔），或 all");
      // A 报送员 reports for exactly one unit: named by its 名称, or by a 简称 no other unit shares.
      const unitName = values.unit?.trim();
      if (role === "contributor" && !unitName) fail("报送员必须用 --unit 指定所属单位（单位名称或简称）");
      if (role !== "contributor" && unitName) fail("--unit 只用于报送员（--role contributor）");
      const unit = unitName ? findUnitByName(d, unitName) : undefined;
      if (unitName && !unit)
        fail(`单位库里找不到「${unitName}」：--unit 写单位的名称，或只属于一个单位的简称（先用 npm run units:import 导入单位库）`);
      if (unit?.disabled) fail(`单位「${unit.name}」已停用`);
      const password = await newPassword();
      const user = createUser(d, {
        email,
        name,
        role: role as Role,
        passwordHash: await hashPassword(password.password),
        seriesIds,
        allSeries,
        unitId: unit?.id ?? null,
      });
      recordAudit(d, {
        actorId: null,
        actorEmail: "命令行",
        action: "user.create",
        target: user.email,
        detail: { role, seriesIds, allSeries, ...(unit ? { unitId: unit.id } : {}) },
      });
      console.log(
        `已创建账号 ${user.email}（${user.name}，${role}${unit ? `，单位 ${unit.name}` : allSeries ? `，${ALL_SERIES_LABEL}` : `，刊物 ${seriesIds.join("、")}`}）`,
      );
      announce(user.email, password);
      break;
    }
    case "passwd": {
      const user = findUserByEmail(d, need("email")) ?? fail(`没有账号 ${values.email}`);
      const password = await newPassword();
      setPasswordHash(d, user.id, await hashPassword(password.password));
      unlockAccount(d, user.email);
      recordAudit(d, { actorId: null, actorEmail: "命令行", action: "user.password", target: user.email });
      console.log(`已为 ${user.email} 设置新密码；其所有已登录的会话都已退出`);
      announce(user.email, password);
      break;
    }
    case "disable":
    case "enable": {
      const user = findUserByEmail(d, need("email")) ?? fail(`没有账号 ${values.email}`);
      updateUser(d, user.id, { disabled: command === "disable" });
      recordAudit(d, {
        actorId: null,
        actorEmail: "命令行",
        action: command === "disable" ? "user.disable" : "user.enable",
        target: user.email,
      });
      console.log(command === "disable" ? `已停用 ${user.email}；其所有会话都已退出` : `已启用 ${user.email}`);
      break;
    }
    case "list": {
      const unitName = new Map(listUnits(d).map((u) => [u.id, u.name]));
      for (const u of listUsers(d)) {
        // A 报送员's unit stands in the series column's place: they work on no series.
        const scope =
          u.role === "contributor"
            ? `单位 ${u.unitId === null ? "（无）" : (unitName.get(u.unitId) ?? "（无）")}`
            : worksOnEverySeries(u)
              ? ALL_SERIES_LABEL
              : u.seriesIds.join(",") || "（无）";
        console.log(`${u.disabled ? "（停用）" : ""}${u.email}\t${u.name}\t${u.role}\t${scope}`);
      }
      break;
    }
    default:
      fail(command ? `未知的命令「${command}」` : "缺少命令");
  }
} catch (error) {
  if (isAppError(error)) fail(error.publicMessage);
  throw error;
}
