import type { Metadata } from 'next';
import { ButtonForm } from '@/components/admin/units/button-form';
import { ShiftForm, TemplateForm } from '@/components/duty/duty-forms';
import { DateInput } from '@/components/ui/date-input';
import type { DutyBoard } from '@/db/queries/duty';
import { formatDayInput, parseDayInput } from '@/lib/day-input';
import { formatMinute, localDayStart, localTimeOf, nextDay, resolveDuty, WEEKDAY_LABELS } from '@/lib/duty';
import { requireViewer } from '@/server/auth/viewer';
import { listManagedDutyOffices, readDutyBoard } from '@/server/duty';
import { addShift, addTemplate, removeShift, removeTemplate } from './actions';

export const metadata: Metadata = { title: 'Lịch trực' };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const SOURCE_LABELS = { change: 'thay đổi trong ngày', kiosk: 'đổi tại kiosk', correction: 'điều chỉnh' } as const;

/** "07:30" of an instant, in Vietnam's time. */
const clock = (at: number) => formatMinute(localTimeOf(at).minute);

/**
 * Who serves at which counter (docs/decisions/023): the office's weekly
 * schedule, today's changes, and corrections of a past day. Office heads for
 * the offices of their subtree; an official's account only when the head
 * delegated the schedule to it, for its office.
 */
export default async function DutyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  const offices = await listManagedDutyOffices(viewer);
  const sp = await searchParams;
  if (offices.length === 0) {
    return (
      <div className="admin stack">
        <h1>Lịch trực</h1>
        <p>Ông/Bà chưa được giao xếp lịch trực cho cơ quan nào, hoặc cơ quan chưa có quầy tiếp nhận.</p>
      </div>
    );
  }
  const wanted = Number(one(sp['don-vi']));
  const office = offices.find((o) => o.id === wanted) ?? offices[0]!;
  const today = localTimeOf(new Date().getTime()).day;
  const board = (await readDutyBoard({ viewer, unitId: office.id, day: today }))!;
  const pastInput = one(sp.ngay);
  const pastDay = pastInput ? parseDayInput(pastInput) : null;
  const pastProblem =
    pastInput && !pastDay ? 'Ngày phải là một ngày có thật, dạng ngày/tháng/năm.' : pastDay && pastDay >= today ? 'Hãy chọn một ngày trước hôm nay.' : undefined;
  const past = pastDay && !pastProblem ? await readDutyBoard({ viewer, unitId: office.id, day: pastDay }) : null;

  const name = new Map(board.officials.map((o) => [o.id, o.fullName]));
  const counterOptions = board.counters.map((c) => ({ value: String(c.id), label: c.name }));
  const officialOptions = board.officials.filter((o) => o.active).map((o) => ({ value: String(o.id), label: o.position ? `${o.fullName}, ${o.position}` : o.fullName }));

  return (
    <div className="admin stack duty-page">
      <h1>Lịch trực</h1>
      <p className="muted">
        Ai tiếp công dân ở quầy nào, để người dân biết mình đánh giá ai và mỗi đánh giá được ghi nhận cho cán bộ đang trực lúc đó. Giờ theo giờ Việt Nam (UTC+7).
      </p>
      {offices.length > 1 ? (
        <form method="get" className="inline-form" aria-label="Chọn cơ quan">
          <div className="field">
            <label htmlFor="don-vi">Cơ quan</label>
            <select id="don-vi" name="don-vi" defaultValue={String(office.id)}>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button secondary">
            Xem
          </button>
        </form>
      ) : null}
      <h2 className="visually-hidden">{office.name}</h2>
      {officialOptions.length === 0 ? <p className="notice">Cơ quan chưa có cán bộ nào đang hoạt động: hãy thêm cán bộ trước khi xếp lịch.</p> : null}

      <section aria-labelledby="lich-tuan" className="admin-section stack">
        <h2 id="lich-tuan">Lịch trực hằng tuần — {office.name}</h2>
        <WeekGrid board={board} name={name} today={today} />
        <h3>Thêm ca trực</h3>
        <TemplateForm action={addTemplate} unitId={office.id} counters={counterOptions} officials={officialOptions} today={today} />
      </section>

      <section aria-labelledby="hom-nay" className="admin-section stack">
        <h2 id="hom-nay">Hôm nay, {formatDayInput(today)}</h2>
        <DaySchedule board={board} day={today} name={name} />
        <h3>Thay đổi trong ngày</h3>
        <p className="muted">Đặt một cán bộ, hoặc không ai, trực ở một quầy trong vài giờ hôm nay, thay cho lịch hằng tuần.</p>
        <ShiftForm
          action={addShift}
          unitId={office.id}
          counters={counterOptions}
          officials={officialOptions}
          day={today}
          source="change"
          label="Thay đổi trong ngày"
          submitLabel="Ghi thay đổi"
        />
      </section>

      <section aria-labelledby="dieu-chinh" className="admin-section stack">
        <h2 id="dieu-chinh">Điều chỉnh một ngày đã qua</h2>
        <p className="muted">Khi lịch ghi sai người trực: điều chỉnh lại, các đánh giá của quầy trong khoảng giờ đó được ghi nhận lại cho đúng cán bộ.</p>
        <form method="get" className="inline-form" aria-label="Chọn ngày cần điều chỉnh">
          <input type="hidden" name="don-vi" value={office.id} />
          <DateInput id="ngay" name="ngay" label="Ngày" defaultValue={pastDay ?? pastInput ?? ''} error={pastProblem} />
          <button type="submit" className="button secondary">
            Xem ngày này
          </button>
        </form>
        {past && pastDay ? (
          <>
            <DaySchedule board={past} day={pastDay} name={name} />
            <ShiftForm
              action={addShift}
              unitId={office.id}
              counters={counterOptions}
              officials={officialOptions}
              day={pastDay}
              source="correction"
              label={`Điều chỉnh ngày ${formatDayInput(pastDay)}`}
              submitLabel="Ghi điều chỉnh"
            />
          </>
        ) : null}
      </section>
    </div>
  );
}

function WeekGrid({ board, name, today }: { board: DutyBoard; name: Map<number, string>; today: string }) {
  if (board.counters.length === 0) return <p>Cơ quan chưa có quầy nào.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Bảng lịch trực: quầy theo hàng, thứ theo cột" tabIndex={0}>
      <table className="data row-headed duty-week">
        <thead>
          <tr>
            <th scope="col">Quầy</th>
            {WEEKDAY_LABELS.map((d) => (
              <th scope="col" key={d}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.counters.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              {WEEKDAY_LABELS.map((d, i) => {
                const slots = board.templates.filter((t) => t.counterId === c.id && t.weekday === i + 1);
                return (
                  <td key={d}>
                    {slots.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="plain-list duty-slots">
                        {slots.map((t) => {
                          const label = `${formatMinute(t.startMinute)}–${formatMinute(t.endMinute)} ${name.get(t.officialId) ?? '?'}`;
                          const validity = [t.validFrom > today ? `từ ${formatDayInput(t.validFrom)}` : '', t.validTo ? `đến ${formatDayInput(t.validTo)}` : '']
                            .filter(Boolean)
                            .join(' ');
                          return (
                            <li key={t.id}>
                              {label}
                              {validity ? <span className="cell-sub">{validity}</span> : null}
                              <ButtonForm
                                action={removeTemplate}
                                values={{ unitId: board.office.id, templateId: t.id }}
                                label="Bỏ ca"
                                secondary
                                accessibleLabel={`Bỏ ca ${label}, ${c.name}, ${d}`}
                              />
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A day as it resolves at each counter (shifts over the weekly schedule), and that day's changes with a way to remove them. */
function DaySchedule({ board, day, name }: { board: DutyBoard; day: string; name: Map<number, string> }) {
  const from = localDayStart(day);
  const to = localDayStart(nextDay(day));
  return (
    <>
      <ul className="plain-list stack duty-day" aria-label={`Người trực ngày ${formatDayInput(day)}`}>
        {board.counters.map((c) => {
          const segments = resolveDuty(c.id, from, to, board.templates, board.shifts);
          return (
            <li key={c.id}>
              <strong>{c.name}:</strong>{' '}
              {segments.length === 0
                ? 'không ai trực'
                : segments.map((s) => `${clock(s.startAt)}–${s.endAt >= to ? '24:00' : clock(s.endAt)} ${name.get(s.officialId!) ?? '?'}`).join('; ')}
            </li>
          );
        })}
      </ul>
      {board.shifts.length ? (
        <table className="data duty-shifts">
          <caption>Các thay đổi ngày {formatDayInput(day)}</caption>
          <thead>
            <tr>
              <th scope="col">Quầy</th>
              <th scope="col">Giờ</th>
              <th scope="col">Cán bộ trực</th>
              <th scope="col">Nguồn</th>
              <th scope="col">
                <span className="visually-hidden">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {board.shifts.map((s) => {
              const counter = board.counters.find((c) => c.id === s.counterId)?.name ?? '?';
              const hours = `${clock(s.startAt)}–${s.endAt >= to ? '24:00' : clock(s.endAt)}`;
              return (
                <tr key={s.id}>
                  <td>{counter}</td>
                  <td>{hours}</td>
                  <td>{s.officialId === null ? 'Không ai trực' : (name.get(s.officialId) ?? '?')}</td>
                  <td>{SOURCE_LABELS[s.source]}</td>
                  <td>
                    <ButtonForm action={removeShift} values={{ unitId: board.office.id, shiftId: s.id }} label="Xoá" secondary accessibleLabel={`Xoá thay đổi ${counter} ${hours}`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
