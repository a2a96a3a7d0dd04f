import { formatPercent } from '@/lib/format';
import { formatPoints, NOT_ENOUGH_DATA_RULE_LABELS, POINTS_RULE_LABELS, SATISFACTION_SOURCE_LABELS, type Rubric } from '@/lib/evaluation/rubric';
import { DEFAULT_STEPS } from '@/lib/indicators/points';

/** A rubric as people read it: groups, criteria with maxima and how automatic ones are computed, and the bands. */
export function RubricView({ rubric }: { rubric: Rubric }) {
  return (
    <div className="stack">
      <div className="table-scroll" role="region" aria-label="Bảng tiêu chí" tabIndex={0}>
        <table className="data">
          <caption>Tiêu chí (tổng {formatPoints(rubric.total)} điểm{rubric.groups.some((g) => g.bonus) ? ', chưa kể điểm thưởng' : ''})</caption>
          <thead>
            <tr>
              <th scope="col">Nhóm / tiêu chí</th>
              <th scope="col" className="num">
                Điểm tối đa
              </th>
              <th scope="col">Cách chấm</th>
            </tr>
          </thead>
          <tbody>
            {rubric.groups.map((g) => [
              <tr key={g.key} className="eval-group-row">
                <th scope="row">
                  {g.title}
                  {g.bonus ? ' (điểm thưởng)' : ''}
                </th>
                <td className="num">{formatPoints(g.max)}</td>
                <td />
              </tr>,
              ...g.criteria.map((c) => (
                <tr key={`${g.key}/${c.key}`}>
                  <td className="eval-indent">{c.title}</td>
                  <td className="num">{formatPoints(c.max)}</td>
                  <td>
                    {c.kind === 'manual' ? (
                      <>Chấm tay, có minh chứng{c.guidance ? `. ${c.guidance}` : ''}</>
                    ) : (
                      <>
                        Tự động từ {SATISFACTION_SOURCE_LABELS[c.source].toLowerCase()}: {POINTS_RULE_LABELS[c.rule].toLowerCase()}
                        {c.rule === 'steps'
                          ? ` (${(c.steps ?? DEFAULT_STEPS)
                              .toSorted((a, b) => b.min - a.min)
                              .map((s) => `≥ ${formatPercent(s.min)} → ${formatPoints(Math.round(c.max * s.share * 100) / 100)}`)
                              .join('; ')}; thấp hơn → 0)`
                          : ''}
                        . Chưa đủ dữ liệu: {NOT_ENOUGH_DATA_RULE_LABELS[c.notEnoughData].toLowerCase()}.
                      </>
                    )}
                  </td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </div>
      <div className="table-scroll" role="region" aria-label="Bảng xếp loại" tabIndex={0}>
        <table className="data">
          <caption>Xếp loại theo tổng điểm{rubric.bonusCap === 'total' ? ` (điểm thưởng cộng vào, tổng không vượt ${formatPoints(rubric.total)})` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Mức</th>
              <th scope="col">Tổng điểm</th>
            </tr>
          </thead>
          <tbody>
            {rubric.bands
              .toSorted((a, b) => b.min - a.min)
              .map((b) => (
                <tr key={b.label}>
                  <th scope="row">{b.label}</th>
                  <td>{b.below === null ? `từ ${formatPoints(b.min)} trở lên` : `từ ${formatPoints(b.min)} đến dưới ${formatPoints(b.below)}`}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
