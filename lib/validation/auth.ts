import { z } from 'zod';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Usernames are case-insensitive; what is stored is the lower-case form. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.');

export const SignInSchema = z.object({
  login: z.string().trim().toLowerCase().min(1, 'Vui lòng nhập tên đăng nhập hoặc e-mail.').max(254),
  password: z.string().min(1, 'Vui lòng nhập mật khẩu.').max(PASSWORD_MAX),
});

const NewPassword = z
  .string()
  .min(PASSWORD_MIN, `Mật khẩu mới cần ít nhất ${PASSWORD_MIN} ký tự.`)
  .max(PASSWORD_MAX, `Mật khẩu tối đa ${PASSWORD_MAX} ký tự.`);

export const ChangePasswordSchema = z
  .object({
    current: z.string().min(1, 'Vui lòng nhập mật khẩu hiện tại.').max(PASSWORD_MAX),
    next: NewPassword,
    confirm: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.next !== v.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'Mật khẩu nhập lại không khớp.' });
    if (v.next && v.next === v.current) ctx.addIssue({ code: 'custom', path: ['next'], message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' });
  });
