'use client';

import { useRef, useState } from 'react';
import type { ImportAnswer } from '@/lib/dossiers/csv';

type Shown = { kind: 'idle' } | { kind: 'busy'; storing: boolean } | { kind: 'error'; message: string } | { kind: 'done'; answer: Extract<ImportAnswer, { status: 'checked' | 'stored' }>; fileName: string };

const n = (x: number) => x.toLocaleString('vi-VN');

/**
 * The CSV upload (issue 17 point 2): the file is checked on the server row by
 * row; with problems nothing is stored, every problem is listed (line,
 * column, what is wrong), and the head may then store the valid rows of the
 * same file. Posted to /api/ho-so/nhap (server/dossier-import.ts).
 */
export function DossierImportForm() {
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const fileRef = useRef<HTMLInputElement>(null);

  async function send(storeValid: boolean) {
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setShown({ kind: 'error', message: 'Vui lòng chọn một tệp CSV.' });
      fileRef.current?.focus();
      return;
    }
    setShown({ kind: 'busy', storing: storeValid });
    const data = new FormData();
    data.set('tep', file);
    if (storeValid) data.set('luu-hop-le', '1');
    try {
      const res = await fetch('/api/ho-so/nhap', { method: 'POST', body: data });
      const answer = (await res.json().catch(() => null)) as ImportAnswer | null;
      if (!answer) setShown({ kind: 'error', message: 'Máy chủ chưa xử lý được tệp. Vui lòng thử lại sau ít phút.' });
      else if (answer.status === 'refused') setShown({ kind: 'error', message: answer.message });
      else setShown({ kind: 'done', answer, fileName: file.name });
    } catch {
      setShown({ kind: 'error', message: 'Không gửi được tệp (mất kết nối?). Vui lòng thử lại.' });
    }
  }

  const busy = shown.kind === 'busy';
  return (
    <div className="stack">
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send(false);
        }}
      >
        <div className="field">
          <label htmlFor="dossier-file">Tệp CSV hồ sơ</label>
          <input id="dossier-file" ref={fileRef} name="tep" type="file" accept=".csv,text/csv" aria-describedby="dossier-file-hint" onChange={() => setShown({ kind: 'idle' })} />
          <p className="hint" id="dossier-file-hint">
            Tối đa 20.000 dòng, 5 MB, mã UTF-8 (trong Excel: “CSV UTF-8”). Tệp được kiểm tra từng dòng; nếu có dòng lỗi, chưa hồ sơ nào được lưu.
          </p>
        </div>
        <div className="row-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy && !shown.storing ? 'Đang kiểm tra…' : 'Kiểm tra và lưu'}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="stack">
        {shown.kind === 'error' ? (
          <p className="form-error" role="alert">
            {shown.message}
          </p>
        ) : null}
        {shown.kind === 'busy' ? <p role="status">{shown.storing ? 'Đang lưu các dòng hợp lệ…' : 'Đang kiểm tra tệp…'}</p> : null}
        {shown.kind === 'done' ? <ImportResult answer={shown.answer} fileName={shown.fileName} onStoreValid={() => void send(true)} /> : null}
      </div>
    </div>
  );
}

function ImportResult({ answer, fileName, onStoreValid }: { answer: Extract<ImportAnswer, { status: 'checked' | 'stored' }>; fileName: string; onStoreValid: () => void }) {
  const stored = answer.status === 'stored';
  return (
    <div className="stack">
      {stored ? (
        <p className="form-ok" role="status">
          Đã lưu {n(answer.created + answer.updated)} hồ sơ từ tệp “{fileName}”: {n(answer.created)} hồ sơ mới, {n(answer.updated)} hồ sơ cập nhật thời gian.
          {answer.problemCount ? ` Bỏ qua ${n(answer.problemCount)} lỗi ở các dòng dưới đây.` : ''}
        </p>
      ) : (
        <p className="form-error" role="alert">
          Tệp “{fileName}” có {n(answer.problemCount)} lỗi trong {n(answer.total)} dòng hồ sơ. Chưa hồ sơ nào được lưu.
        </p>
      )}
      {stored && answer.at ? (
        <p>
          <a className="button" href={`/ho-so/in-tem?lan=${answer.at}`}>
            In tem QR cho {n(answer.created + answer.updated)} hồ sơ này
          </a>
        </p>
      ) : null}
      {!stored && answer.validRows > 0 ? (
        <div className="row-actions">
          <button type="button" className="button secondary" onClick={onStoreValid}>
            Chỉ lưu {n(answer.validRows)} dòng hợp lệ, bỏ qua các dòng lỗi
          </button>
        </div>
      ) : null}
      {answer.problems.length ? (
        <div className="table-scroll" role="region" aria-labelledby="import-problems-title" tabIndex={0}>
          <table className="data">
            <caption id="import-problems-title">
              Các lỗi trong tệp{answer.problemCount > answer.problems.length ? ` (${n(answer.problems.length)} lỗi đầu tiên trong ${n(answer.problemCount)})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Dòng</th>
                <th scope="col">Cột</th>
                <th scope="col">Lỗi</th>
              </tr>
            </thead>
            <tbody>
              {answer.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.line}</td>
                  <td>{p.column ?? '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
