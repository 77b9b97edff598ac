/**
 * The text with look-alike characters folded to ASCII, one UTF-16 unit for one, so offsets
 * found in the folded text are offsets in the original: full-width digits, letters and
 * punctuation (U+FF01-FF5E), the ideographic space, other Unicode spaces, and dashes.
 * Patterns then run on the folded text only.
 */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f) out += ' ';
    else if (code >= 0x2010 && code <= 0x2015) out += '-';
    else if (code === 0x2024 || code === 0x3002) out += '.';
    else if (code === 0xff20) out += '@';
    else out += text[i];
  }
  return out;
}
