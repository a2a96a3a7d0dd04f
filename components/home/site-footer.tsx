export function SiteFooter({ className }: { className?: string }) {
  return (
    <footer className={`site-footer ${className ?? ''}`}>
      <div className="container">
        <p>Hài Lòng — thực hiện mô hình “Công sở thân thiện vì Nhân dân phục vụ”.</p>
        <p>
          <a href="/login">Dành cho cán bộ: đăng nhập</a>
        </p>
      </div>
    </footer>
  );
}
