// Whether the PDF renderer's Chromium runs inside its sandbox. It should: the renderer lays out
// text and pictures authors supply. Chromium's Linux sandbox needs unprivileged user namespaces
// (Debian's chromium ships no setuid helper), and Chromium refuses it outright when run as root.
// CHROMIUM_SANDBOX=auto (the default) decides from the kernel; `on` insists (launch then fails
// plainly where the kernel cannot); `off` is the operator's explicit choice.
import fs from "node:fs";

export type SandboxSetting = "auto" | "on" | "off";

export type SandboxProbe = {
  uid: number | undefined;
  /** /proc/sys/kernel/unprivileged_userns_clone (Debian's switch), null when absent. */
  usernsClone: string | null;
  /** /proc/sys/user/max_user_namespaces, null when absent. */
  maxUserNamespaces: string | null;
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns (Ubuntu 23.10+), null when absent. */
  apparmorRestrict: string | null;
};

export type SandboxDecision = { sandbox: boolean; reason: string };

export function decideSandbox(setting: SandboxSetting, probe: SandboxProbe): SandboxDecision {
  if (setting === "off") return { sandbox: false, reason: "CHROMIUM_SANDBOX=off" };
  if (setting === "on") return { sandbox: true, reason: "CHROMIUM_SANDBOX=on" };
  if (probe.uid === 0)
    return { sandbox: false, reason: "the server runs as root, and Chromium refuses its sandbox for root: run it as an unprivileged user" };
  if (probe.usernsClone === "0")
    return { sandbox: false, reason: "kernel.unprivileged_userns_clone=0: unprivileged user namespaces are disabled" };
  if (probe.maxUserNamespaces === "0") return { sandbox: false, reason: "user.max_user_namespaces=0: user namespaces are disabled" };
  if (probe.apparmorRestrict === "1")
    return {
      sandbox: false,
      reason: "kernel.apparmor_restrict_unprivileged_userns=1: AppArmor denies Chromium the user namespaces its sandbox needs",
    };
  return { sandbox: true, reason: "unprivileged user namespaces are available" };
}

const read = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
};

export function probeSandbox(): SandboxProbe {
  return {
    uid: process.getuid?.(),
    usernsClone: read("/proc/sys/kernel/unprivileged_userns_clone"),
    maxUserNamespaces: read("/proc/sys/user/max_user_namespaces"),
    apparmorRestrict: read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"),
  };
}

let logged = false;

/** The decision for this machine, logged once so an operator sees why the sandbox is off. */
export function rendererSandbox(setting: SandboxSetting): SandboxDecision {
  const decision = decideSandbox(setting, probeSandbox());
  if (!logged) {
    logged = true;
    (decision.sandbox ? console.info : console.warn)(`pdf:sandbox ${decision.sandbox ? "on" : "off"} — ${decision.reason}`);
  }
  return decision;
}
