/**
 * Folds Vietnamese text for accent-insensitive search: "Hà Nam" and "ha nam"
 * both become "ha nam". đ/Đ have no combining form, so they are mapped by hand.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Trims and collapses runs of white space (what every free-text field stores). */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
