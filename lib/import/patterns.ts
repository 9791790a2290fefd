// The words and marks by which a bulletin's parts are known, shared by the text reader (which
// starts a new block at them) and the recogniser (which reads them).

export const MARKING = /^(内部资料|内部刊物|内部参考|内部文件|注意保存|秘密|机密|绝密)/;
export const SECRET = /内部|秘密|机密|绝密/;
export const PREFACE = /^[【[〔（(]?(编者按|编者的话|按语)[】\]〕）)]?[：:]?/;
export const TOC = /^(本期要目|本期目录|目录|要目|本期导读)$/;
export const BYLINE = /^[（(][^（）()]{2,60}(供稿|撰稿|提供|报送|整理|来稿|执笔)[）)]$/;
export const NUMBERED: [RegExp, 1 | 2 | 3][] = [
  [/^[一二三四五六七八九十]{1,3}、/, 1],
  [/^[（(][一二三四五六七八九十]{1,3}[）)]/, 2],
  [/^\d{1,2}[.．、](?!\d)/, 3],
];
export const ENUMERATION = /(^|[。；！？：])((?:[一二三四五六七八九]|十[一二三四五六七八九]?)是)(?!\u{E001})/gu;
export const LABEL = /^(报送|抄送|分送|印发|发送|报|送|发|责任编辑|编辑|签发人?|审核|校对)[：:]/;
export const COPIES = /[（(]?共印\s*(\d+)\s*份[）)]?/;

/** 本期要目 entries are often bulleted. */
export const BULLET = /^[◆◇★☆●○▲△■□•]/;
