// The pieces random texts of citations are made of (the citation reader's tests).

/** The pieces citations are written with, and what breaks them: lists, tails, titles, short forms, blanks inside symbols, letters beyond the first plane, an issuer's name cut at "với". */
export const CITATION_PIECES: readonly string[] = [
  'Nghị quyết số ', 'Nghị quyết ', 'Kế hoạch số: ', 'Quyết định ', 'Chỉ thị số', 'số ', 'Số: ', 'Luật ', 'Nghị định số ', 'Thông báo kết luận ',
  '43-NQ/TW', '45-NQ/TW', '21-KH/TW', '217', '218-QĐ/TW', '35-CTr/TU', '74/KH-UBND', '140/2017/NĐ-CP', '10/2022/QH15', '12/2025/QH15',
  '45- NQ/TW', '45 -NQ/TW', '45–NQ/TW', '45\u2011NQ/TW', '45-NQ/\nTW', '2025 - KH', '45-Kế', '45-NQ', '43/TW', '1234567-NQ/TW', '99/KH-UBND-VP',
  ', ', ' và ', '; ', ' ', '  ', '\n', '\n\n', '.', '. ', ': ', '(', ')', '**', '*', '“', '”', '"', '𝐀', '\u00A0',
  ', ngày 24/11/2023', ' ngày 24/11/2023', 'ngày 24.11.2023', ', ngày 24 - 11 - 2023', ' ngày 24 tháng 11 năm 2023', ', ngày 1/1/20231', ' Ngày 3/2/2024',
  ' của Bộ Chính trị', ' của Ban Chấp hành Trung ương Đảng', ' của Ban Thường vụ Tỉnh ủy', ' giữa Ủy ban nhân dân tỉnh với Ủy ban Mặt trận', ' của Chính phủ về', ' với Ủy ban Mặt trận', ' với',
  ' Hội nghị lần thứ tám Ban Chấp hành Trung ương', ' Hội nghị Trung ương 8', ' Thủ tướng Chính phủ', ' Quốc hội',
  ' khóa XIII', ' (khóa XI)', ', khoá XII', ' khóa XIIIa',
  ' về tăng cường sự lãnh đạo của Đảng', ' về việc ban hành Kế hoạch', ' “Về phát huy sức mạnh đại đoàn kết”', ' về "Tiếp tục đổi mới"', ' "Chiến lược"',
  ' (sau đây viết tắt là Nghị quyết 43)', ' (sau đây gọi tắt là Kế hoạch 21-KH/TW)', ' (viết tắt: Chương trình)', ' (gọi chung là các nghị quyết)',
  'Quyết định số 217, 218-QĐ/TW', 'Nghị quyết số 43-NQ/TW, 45-NQ/TW', 'Chỉ thị số 05, 06 và 07-CT/TW', 'Quyết định số 217-QĐ/TW, 218-QĐ/TW và 219-QĐ/TW',
  'Thực hiện ', 'Căn cứ ', 'Ban Thường vụ Tỉnh ủy ', 'ban hành ', 'thực hiện ', 'Kế hoạch thực hiện như sau',
];
