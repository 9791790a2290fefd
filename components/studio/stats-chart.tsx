// The ranking by 积分 as a horizontal bar chart, drawn on the server as SVG: no charting library
// in the browser, and a screen reader gets the title, the description and every bar's text.
import type { UnitStatsRow } from "@/lib/xinxi/stats";

const ROW = 22;
const LABEL = 190;
const BAR = 420;
const VALUE = 56;
const WIDTH = LABEL + BAR + VALUE;

type Props = { rows: UnitStatsRow[]; caption: string; limit?: number };

export function StatsChart({ rows, caption, limit = 20 }: Props) {
  const shown = [...rows].sort((a, b) => a.rank - b.rank).slice(0, limit);
  if (shown.length === 0) return null;
  const max = Math.max(0, ...shown.map((r) => r.points));
  const min = Math.min(0, ...shown.map((r) => r.points));
  const span = max - min || 1;
  const x = (v: number) => LABEL + ((v - min) / span) * BAR;
  const height = shown.length * ROW + 8;
  const more = rows.length > shown.length ? `，只显示前 ${shown.length} 名，共 ${rows.length} 个单位` : "";
  return (
    <svg
      role="img"
      aria-labelledby="stats-chart-title stats-chart-desc"
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="w-full max-w-3xl"
      data-testid="stats-chart"
    >
      <title id="stats-chart-title">{caption}</title>
      <desc id="stats-chart-desc">
        {`按积分排名的条形图${more}：`}
        {shown.map((r) => `第${r.rank}名 ${r.unit} ${r.points}分`).join("；")}
      </desc>
      <line x1={x(0)} x2={x(0)} y1={0} y2={height - 4} stroke="#a8a29e" strokeWidth={1} />
      {shown.map((r, i) => {
        const y = i * ROW + 4;
        const left = Math.min(x(0), x(r.points));
        const w = Math.max(Math.abs(x(r.points) - x(0)), r.points === 0 ? 0 : 1);
        const name = r.unit.length > 13 ? `${r.unit.slice(0, 12)}…` : r.unit;
        return (
          <g key={r.unitId}>
            <text x={LABEL - 8} y={y + ROW / 2 + 1} textAnchor="end" dominantBaseline="middle" fontSize={13} fill="#1c1917">
              {`${r.rank}. ${name}`}
            </text>
            <rect x={left} y={y + 3} width={w} height={ROW - 8} fill={r.points < 0 ? "#78716c" : "#c8161d"} rx={2} />
            <text x={Math.max(x(r.points), x(0)) + 6} y={y + ROW / 2 + 1} dominantBaseline="middle" fontSize={13} fill="#1c1917">
              {r.points}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
