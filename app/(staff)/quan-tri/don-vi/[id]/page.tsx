import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AddItemForm } from '@/components/admin/units/add-item-form';
import { ButtonForm } from '@/components/admin/units/button-form';
import { unitPickerOptions } from '@/components/ui/unit-tree';
import { MoveUnitForm } from '@/components/admin/units/move-unit-form';
import { RenameItemForm } from '@/components/admin/units/rename-item-form';
import { UnitDetailsForm } from '@/components/admin/units/unit-details-form';
import { OpeningHoursPanel } from '@/components/kiosks/opening-hours-panel';
import { getUnitForAdmin, getUnitOpeningHours } from '@/db/queries/unit-admin';
import { AssignQuestionSetForm } from '@/components/admin/question-sets/assign-question-set-form';
import { getUnitQuestionSetChoice } from '@/server/question-sets';
import { unitKindLabel } from '@/lib/units';
import { requireViewer } from '@/server/auth/viewer';
import {
  createCounterAction,
  createProcedureFieldAction,
  makeUnitRateableAction,
  moveUnitAction,
  renameCounterAction,
  renameProcedureFieldAction,
  renameUnitAction,
  setCounterActiveAction,
  setOpeningHoursAction,
  setProcedureFieldActiveAction,
  setUnitActiveAction,
} from '../actions';
import { assignQuestionSetAction } from '../question-set-actions';

type Props = { params: Promise<{ id: string }> };

/** One scoped lookup per request, shared by the metadata and the page; null answers 404 (never 403). */
const load = cache(async (raw: string) => {
  const viewer = await requireViewer('units.manage');
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const data = await getUnitForAdmin({ viewer, unitId: Number(raw) });
  return data && { ...data, questionSet: await getUnitQuestionSetChoice({ viewer, unitId: data.unit.id }) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load((await params).id);
  return { title: data ? `Đơn vị: ${data.unit.name}` : 'Không tìm thấy' };
}

export default async function UnitAdminPage({ params }: Props) {
  const data = await load((await params).id);
  if (!data) notFound();
  const { unit, ancestors, moveTargets, counters, procedureFields, questionSet } = data;
  const viewer = await requireViewer('units.manage');
  const hours = await getUnitOpeningHours({ viewer, unitId: unit.id });

  return (
    <div className="units-admin">
      <nav aria-label="Vị trí trong cây đơn vị" className="breadcrumb">
        <ol>
          <li>
            <Link href="/quan-tri/don-vi">Đơn vị</Link>
          </li>
          {ancestors.map((a) => (
            <li key={a.id}>
              <Link href={`/quan-tri/don-vi/${a.id}`}>{a.name}</Link>
            </li>
          ))}
          <li aria-current="page">{unit.name}</li>
        </ol>
      </nav>

      <h1>{unit.name}</h1>
      <p className="row-actions">
        <span className="badge">{unitKindLabel(unit.kind)}</span>
        {unit.active ? <span className="badge">Đang hoạt động</span> : <span className="badge off">Đã tắt</span>}
        {unit.address ? <span className="muted">{unit.address}</span> : null}
      </p>

      <section className="admin-section" aria-labelledby="ma-qr">
        <h2 id="ma-qr">Mã QR và áp phích</h2>
        {unit.code ? (
          <>
            <p>
              Mã QR của đơn vị: <code className="unit-code">{unit.code}</code>. Mã này không đổi khi đổi tên hay chuyển đơn vị, nên áp phích đã in vẫn dùng được.
            </p>
            {unit.active ? (
              <p className="row-actions">
                <Link className="button secondary" href={`/poster/${unit.code}`}>
                  Áp phích của đơn vị (A4)
                </Link>
                <Link className="button secondary" href={`/poster/${unit.code}?size=a5`}>
                  Áp phích khổ A5
                </Link>
              </p>
            ) : (
              <p className="muted">Đơn vị đang tắt nên mã QR không nhận đánh giá và không in được áp phích.</p>
            )}
          </>
        ) : (
          <>
            <p>Đơn vị này chưa nhận đánh giá trực tiếp. Khi cho phép, đơn vị được cấp một mã QR riêng để in áp phích.</p>
            <ButtonForm action={makeUnitRateableAction} values={{ unitId: unit.id }} label="Cho phép nhận đánh giá (cấp mã QR)" />
          </>
        )}
        <p>
          <Link href={`/poster/unit/${unit.id}`}>In tất cả áp phích của đơn vị</Link>{' '}
          <span className="muted">(đơn vị, các quầy và các đơn vị cấp dưới đang hoạt động)</span>
        </p>
      </section>

      <section className="admin-section" aria-labelledby="thong-tin">
        <h2 id="thong-tin">Đổi tên, địa chỉ</h2>
        <div className="narrow">
          <UnitDetailsForm action={renameUnitAction} unit={unit} />
        </div>
      </section>

      {moveTargets.length > 0 ? (
        <section className="admin-section" aria-labelledby="chuyen-don-vi">
          <h2 id="chuyen-don-vi">Chuyển sang đơn vị cấp trên khác</h2>
          <div className="narrow">
            <MoveUnitForm action={moveUnitAction} unitId={unit.id} parentId={unit.parentId} targets={unitPickerOptions(moveTargets)} />
          </div>
        </section>
      ) : null}

      <section className="admin-section" aria-labelledby="trang-thai">
        <h2 id="trang-thai">Trạng thái</h2>
        <p>
          {unit.active
            ? 'Khi tắt, mã QR của đơn vị và của các quầy sẽ không nhận đánh giá nữa; dữ liệu đã có được giữ nguyên. Các đơn vị cấp dưới không bị tắt theo.'
            : 'Đơn vị đang tắt: mã QR của đơn vị và của các quầy không nhận đánh giá. Bật lại để dùng tiếp các áp phích đã in.'}
        </p>
        <ButtonForm
          action={setUnitActiveAction}
          values={{ unitId: unit.id, active: unit.active ? '0' : '1' }}
          label={unit.active ? 'Tắt đơn vị' : 'Bật lại đơn vị'}
          secondary={unit.active}
        />
      </section>

      {hours ? (
        <section className="admin-section" aria-labelledby="gio-lam-viec">
          <h2 id="gio-lam-viec">Giờ làm việc</h2>
          <OpeningHoursPanel hours={hours} unitId={unit.id} action={setOpeningHoursAction} />
        </section>
      ) : null}

      {questionSet ? (
        <section className="admin-section" aria-labelledby="bo-cau-hoi">
          <h2 id="bo-cau-hoi">Bộ câu hỏi</h2>
          <p>
            {questionSet.inUse ? (
              <>
                Phiếu đánh giá của đơn vị đang dùng bộ <Link href={`/quan-tri/bo-cau-hoi/${questionSet.inUse.id}`}>{questionSet.inUse.name}</Link>
                {questionSet.inUse.fromUnitId === unit.id
                  ? ' (đơn vị tự chọn).'
                  : questionSet.inUse.fromUnitName
                    ? ` (theo ${questionSet.inUse.fromUnitName}).`
                    : ' (bộ mặc định).'}
              </>
            ) : (
              'Chưa có bộ câu hỏi nào dùng được cho đơn vị này.'
            )}
          </p>
          <div className="narrow">
            <AssignQuestionSetForm
              action={assignQuestionSetAction}
              unitId={unit.id}
              current={questionSet.questionSetId}
              options={questionSet.options.map((o) => ({ value: String(o.id), label: o.ownerName ? `${o.name} (của ${o.ownerName})` : o.name }))}
            />
          </div>
        </section>
      ) : null}

      <section className="admin-section" aria-labelledby="quay">
        <h2 id="quay">Quầy tiếp nhận</h2>
        {counters.length > 0 ? (
          <table className="data">
            <caption className="visually-hidden">Các quầy của {unit.name}</caption>
            <thead>
              <tr>
                <th scope="col">Tên quầy và thứ tự</th>
                <th scope="col">Mã QR</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {counters.map((c) => (
                <tr key={c.id}>
                  <td>
                    <RenameItemForm action={renameCounterAction} idName="counterId" item={c} nameLabel="Tên quầy" />
                  </td>
                  <td>
                    <code>{c.code}</code>
                  </td>
                  <td>{c.active ? <span className="badge">Đang hoạt động</span> : <span className="badge off">Đã tắt</span>}</td>
                  <td>
                    <div className="row-actions">
                      {c.active && unit.active ? (
                        <Link className="button secondary" href={`/poster/${c.code}`} aria-label={`Áp phích của ${c.name}`}>
                          Áp phích
                        </Link>
                      ) : null}
                      <ButtonForm
                        action={setCounterActiveAction}
                        values={{ counterId: c.id, active: c.active ? '0' : '1' }}
                        label={c.active ? 'Tắt' : 'Bật lại'}
                        accessibleLabel={`${c.active ? 'Tắt' : 'Bật lại'} ${c.name}`}
                        secondary
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Đơn vị chưa có quầy nào.</p>
        )}
        <div className="narrow">
          <AddItemForm action={createCounterAction} unitId={unit.id} idPrefix="them-quay" label="Tên quầy mới" button="Thêm quầy" hint="Mỗi quầy có mã QR riêng, ví dụ: Quầy 3 — Đất đai." />
        </div>
      </section>

      <section className="admin-section" aria-labelledby="linh-vuc">
        <h2 id="linh-vuc">Lĩnh vực thủ tục</h2>
        <p className="muted">Danh sách người dân chọn khi đánh giá (câu “Lĩnh vực/thủ tục đã thực hiện”).</p>
        {procedureFields.length > 0 ? (
          <table className="data">
            <caption className="visually-hidden">Các lĩnh vực thủ tục của {unit.name}</caption>
            <thead>
              <tr>
                <th scope="col">Tên lĩnh vực và thứ tự</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {procedureFields.map((f) => (
                <tr key={f.id}>
                  <td>
                    <RenameItemForm action={renameProcedureFieldAction} idName="fieldId" item={f} nameLabel="Tên lĩnh vực" />
                  </td>
                  <td>{f.active ? <span className="badge">Đang dùng</span> : <span className="badge off">Đã tắt</span>}</td>
                  <td>
                    <ButtonForm
                      action={setProcedureFieldActiveAction}
                      values={{ fieldId: f.id, active: f.active ? '0' : '1' }}
                      label={f.active ? 'Tắt' : 'Bật lại'}
                      accessibleLabel={`${f.active ? 'Tắt' : 'Bật lại'} lĩnh vực ${f.name}`}
                      secondary
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Đơn vị chưa có lĩnh vực nào.</p>
        )}
        <div className="narrow">
          <AddItemForm action={createProcedureFieldAction} unitId={unit.id} idPrefix="them-linh-vuc" label="Tên lĩnh vực mới" button="Thêm lĩnh vực" hint="Ví dụ: Hộ tịch, Chứng thực, Đất đai." />
        </div>
      </section>

      <p className="admin-section">
        <Link className="button secondary" href={`/quan-tri/don-vi?cap-tren=${unit.id}#them-don-vi`}>
          Thêm đơn vị cấp dưới
        </Link>
      </p>
    </div>
  );
}
