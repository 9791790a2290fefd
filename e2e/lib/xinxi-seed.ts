// Seeds 信息报送 rows for the e2e site through the app's own queries (run with tsx in the
// react-server condition, as the CLI runs, against the e2e site's database): a unit, its
// contributor and one submission with a picture its body shows. Prints {"submissionId": …}.
import { createUser, findUserByEmail } from "@/db/queries/users";
import { insertSubmission } from "@/db/queries/xinxi/submissions";
import { createUnit, findUnitByName } from "@/db/queries/xinxi/units";
import { db } from "@/lib/database";
import { readPicture } from "@/lib/pictures/bytes";
import { indexTexts } from "@/lib/search/text";
import { pngOf } from "../../scripts/lib/png";

const [title, body] = process.argv.slice(2) as [string, string];
const d = db();
const unit = findUnitByName(d, "共青团长治市委") ?? createUnit(d, { name: "共青团长治市委", shortName: "团长治市委", level: "city" });
const email = "adopt-baosong@e2e.example.org";
const contributor =
  findUserByEmail(d, email) ?? createUser(d, { email, name: "长治报送员", role: "contributor", passwordHash: "scrypt$x", unitId: unit.id });
const bytes = Buffer.from(pngOf(900, 600, [40, 90, 200]));
const picture = readPicture(bytes, "活动现场.png");
const row = d.transaction((tx) =>
  insertSubmission(tx, {
    unitId: unit.id,
    seriesId: "jtyx",
    callId: null,
    urgent: false,
    contactName: "张三",
    contactPhone: "13800000000",
    version: { title, body: `${body}\n\n<Figure src="submission.media/${picture.name}" caption="活动现场" />` },
    pictures: [{ ...picture, originalName: "活动现场.png", bytes }],
    search: { titlePairs: indexTexts(title).pairs, bodyPairs: indexTexts(body).pairs },
    actorId: contributor.id,
    at: new Date(),
  }),
);
console.log(JSON.stringify({ submissionId: row.id, picture: picture.name }));
