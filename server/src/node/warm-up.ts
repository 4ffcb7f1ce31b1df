// The check worker's warm-up: until its first job comes, it checks a short plan with the bundled data, so that the first plan the drafter opens finds the check's code compiled, its regular expressions built and ICU's collation loaded.

import { readSnapshot } from './bundled-data';
import { findSchemasDir } from './knowledge';
import { parsePlan } from '../core/document/parse';
import { checkPlan } from '../core/engine';
import { Rule } from '../core/rules/rule';

/**
 * A short plan of the usual shape (front matter, the four parts, citations, a task list, the
 * closing paragraph): what every check runs through, in a few milliseconds once compiled.
 */
const SAMPLE = `---
template: nq43
variant: party
kind: KẾ HOẠCH
issuer: Ban Thường vụ Đảng ủy xã Bảo Hà
number: "Số 1-KH/ĐU"
place: Bảo Hà
date: ngày 10 tháng 3 năm 2026
subject: thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc
implements: [43-NQ/TW]
recipients:
  - Ban Thường vụ Tỉnh ủy (báo cáo),
  - Lưu Văn phòng Đảng ủy.
signer:
  authority: T/M BAN THƯỜNG VỤ
  title: BÍ THƯ
  name: Hoàng Văn Thắng
---

Thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII, Ban Thường vụ Đảng ủy xã ban hành Kế hoạch thực hiện như sau:

## I. MỤC ĐÍCH, YÊU CẦU

- Quán triệt sâu sắc Nghị quyết số 43-NQ/TW đến từng chi bộ, cán bộ, đảng viên và Nhân dân; Ban Dân vận Tỉnh ủy hướng dẫn.

## II. MỤC TIÊU

Phát huy truyền thống, sức mạnh đại đoàn kết các dân tộc trong xã.

## III. NHIỆM VỤ, GIẢI PHÁP

### 1. Nâng cao nhận thức, trách nhiệm của cấp ủy, tổ chức đảng và Nhân dân

Tổ chức quán triệt Nghị quyết số 43-NQ/TW và Kế hoạch này trong sinh hoạt chi bộ; thực hiện phương châm “Dân biết, dân bàn, dân làm”.

## IV. TỔ CHỨC THỰC HIỆN

1. Các chi bộ trực thuộc: tổ chức quán triệt, thực hiện Kế hoạch này.

2. Văn phòng Đảng ủy: theo dõi, đôn đốc, định kỳ báo cáo Ban Thường vụ Đảng ủy.

Trên đây là Kế hoạch của Ban Thường vụ Đảng ủy xã thực hiện Nghị quyết số 43-NQ/TW.
`;

/** Thrown to stop the warm-up when a job has come. */
class Interrupted extends Error {}

/**
 * Checks the sample with `rules` and the bundled data, when the snapshot of the data is beside the
 * code; nothing otherwise. Stops before the next rule once `interrupted()` is true (a job has come:
 * what is not compiled yet, the job compiles). The findings are dropped: a check keeps nothing of a
 * text but what pure functions remember of short strings.
 */
export function warmUp(rules: readonly Rule[], interrupted: () => boolean): void {
  try {
    const kb = readSnapshot(findSchemasDir(__dirname));
    if (!kb || interrupted()) return;
    const beforeRule = (): void => {
      if (interrupted()) throw new Interrupted();
    };
    for (const mode of ['drafting', 'submission'] as const) {
      checkPlan(parsePlan('untitled:plan43-warm-up', SAMPLE, 'markdown'), kb, { mode, lang: 'vi', rules, today: '2026-03-10', beforeRule });
    }
  } catch {
    // Interrupted, or a warm-up that failed: the first check is only slower.
  }
}
