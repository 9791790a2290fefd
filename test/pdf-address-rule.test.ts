// The PDF renderer's address rule: an author's picture may come from public unicast addresses
// only, however the private address is spelled; and when its Chromium can run sandboxed.
import { describe, expect, it } from "vitest";
import { checkPictureUrl, isPublicAddress } from "@/lib/net/address-rule";
import { decideSandbox } from "@/lib/pdf/sandbox";

const REFUSED_ADDRESSES = [
  "0.0.0.0",
  "0.1.2.3",
  "10.0.0.1",
  "10.255.255.255",
  "100.64.0.1",
  "100.127.255.254",
  "127.0.0.1",
  "127.255.255.255",
  "169.254.169.254",
  "169.254.0.1",
  "172.16.0.1",
  "172.20.10.1",
  "172.31.255.255",
  "192.0.0.8",
  "192.0.2.1",
  "192.168.0.1",
  "192.168.255.255",
  "198.18.0.1",
  "198.19.255.255",
  "198.51.100.7",
  "203.0.113.9",
  "224.0.0.1",
  "239.255.255.250",
  "240.0.0.1",
  "255.255.255.255",
  "::",
  "::1",
  "::ffff:127.0.0.1",
  "::ffff:7f00:1",
  "::ffff:10.0.0.1",
  "::ffff:169.254.169.254",
  "::127.0.0.1",
  "::ffff:0:0",
  "fc00::1",
  "fd12:3456::1",
  "fe80::1",
  "fe80::1%eth0",
  "febf::1",
  "fec0::1",
  "ff02::1",
  "ff05::2",
  "64:ff9b::7f00:1",
  "64:ff9b::10.1.2.3",
  "2002:7f00:1::",
  "2002:c0a8:101::1",
  "2001:db8::1",
  "2001::1",
  "2001:0:4136:e378::1",
  "100::1",
  "not-an-ip",
  "",
  "1.2.3",
  "::g",
];
const ALLOWED_ADDRESSES = [
  "1.1.1.1",
  "8.8.8.8",
  "100.63.255.255",
  "100.128.0.0",
  "172.15.255.255",
  "172.32.0.0",
  "192.169.0.1",
  "169.255.0.1",
  "223.255.255.255",
  "2606:4700:4700::1111",
  "2400:cb00::1",
  "::ffff:8.8.8.8",
  "64:ff9b::808:808",
  "2002:808:808::1",
];

describe("isPublicAddress", () => {
  it.each(REFUSED_ADDRESSES)("refuses %s", (ip) => expect(isPublicAddress(ip)).toBe(false));
  it.each(ALLOWED_ADDRESSES)("allows %s", (ip) => expect(isPublicAddress(ip)).toBe(true));
});

describe("checkPictureUrl", () => {
  it.each([
    "http://127.0.0.1:3000/a.png",
    "http://127.1/a.png",
    "http://0x7f000001/a.png",
    "http://2130706433/a.png",
    "http://0177.0.0.1/a.png",
    "http://017700000001/a.png",
    "http://0x7f.0.0.1/a.png",
    "http://10.0.0.1/a.png",
    "http://192.168.1.1/a.png",
    "http://172.16.0.1/a.png",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/a.png",
    "http://[::]/a.png",
    "http://[::ffff:127.0.0.1]/a.png",
    "http://[::ffff:7f00:1]/a.png",
    "http://[fe80::1]/a.png",
    "http://[fd00::1]/a.png",
    "http://0.0.0.0/a.png",
    "http://0/a.png",
    "http://localhost/a.png",
    "http://localhost./a.png",
    "http://LOCALHOST:8080/a.png",
    "http://foo.localhost/a.png",
    "http://intranet/a.png",
    "http://metadata/computeMetadata/v1/",
    "https://user:pass@example.org/a.png",
    "file:///etc/passwd",
    "ftp://example.org/a.png",
    "data:image/png;base64,AAAA",
    "javascript:alert(1)",
    "/jtyx/2022/3/media/a.png",
    "003.media/a.png",
  ])("refuses %s", (url) => expect(checkPictureUrl(url).ok).toBe(false));

  it.each([
    "https://example.org/a.png",
    "http://www.gov.cn/img/1.jpg",
    "https://8.8.8.8/a.png",
    "https://[2606:4700:4700::1111]/a.png",
    "https://example.org./a.png",
  ])("allows %s (names are checked again at connect time)", (url) => {
    expect(checkPictureUrl(url).ok).toBe(true);
  });

  it("reports the address a disguised spelling parses to", () => {
    expect(checkPictureUrl("http://0x7f000001/")).toEqual({ ok: false, reason: "address 127.0.0.1" });
  });
});

describe("decideSandbox", () => {
  const linux = { uid: 1000, usernsClone: "1", maxUserNamespaces: "63000", apparmorRestrict: "0" };
  it("sandboxes an unprivileged server where user namespaces are available", () => {
    expect(decideSandbox("auto", linux).sandbox).toBe(true);
    expect(decideSandbox("auto", { uid: 1000, usernsClone: null, maxUserNamespaces: null, apparmorRestrict: null }).sandbox).toBe(true);
  });
  it.each([
    [{ ...linux, uid: 0 }, /root/],
    [{ ...linux, usernsClone: "0" }, /unprivileged_userns_clone=0/],
    [{ ...linux, maxUserNamespaces: "0" }, /max_user_namespaces=0/],
    [{ ...linux, apparmorRestrict: "1" }, /AppArmor/],
  ])("runs without it, saying why, where the kernel or the user rules it out (%o)", (probe, reason) => {
    const d = decideSandbox("auto", probe);
    expect(d.sandbox).toBe(false);
    expect(d.reason).toMatch(reason);
  });
  it("follows an explicit setting", () => {
    expect(decideSandbox("on", { ...linux, uid: 0 }).sandbox).toBe(true);
    expect(decideSandbox("off", linux).sandbox).toBe(false);
  });
});
