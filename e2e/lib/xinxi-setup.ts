// Run by e2e/xinxi-submissions.spec.ts through tsx against the e2e site's database: a unit and a
// contributor bound to it, made with the app's own queries (the units pages belong to another part).
// Usage: tsx --conditions=react-server e2e/lib/xinxi-setup.ts <unit name> <email> <name>, the password on stdin.
import { createUser, findUserByEmail } from "@/db/queries/users";
import { createUnit, findUnitByName } from "@/db/queries/xinxi/units";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/database";

const [unitName, email, name] = process.argv.slice(2);
if (!unitName || !email || !name) throw new Error("usage: xinxi-setup.ts <unit> <email> <name>");
let password = "";
for await (const chunk of process.stdin) password += chunk;
password = password.trim();
const unit = findUnitByName(db(), unitName) ?? createUnit(db(), { name: unitName, level: "city" });
if (!findUserByEmail(db(), email))
  createUser(db(), { email, name, role: "contributor", passwordHash: await hashPassword(password), unitId: unit.id });
console.log(`unit ${unit.id}`);
