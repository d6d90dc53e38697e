#!/usr/bin/env python3
"""Generate the small sample PDF attachments shipped in content/.

Pure Python, no dependencies: writes raw PDF 1.4 syntax with the standard
Helvetica font. The 14 standard fonts cannot show Vietnamese diacritics, so the
text is written as ASCII transliteration (diacritics removed, d for đ).

    python3 tools/make-sample-pdf.py            # (re)writes every sample PDF

Run it from anywhere; paths are relative to the repository root.
"""
import os
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ascii_vi(text):
    """Vietnamese -> ASCII: strip diacritics, đ/Đ -> d/D."""
    text = text.replace("đ", "d").replace("Đ", "D")
    nfd = unicodedata.normalize("NFD", text)
    return "".join(c for c in nfd if unicodedata.category(c) != "Mn").encode("ascii", "replace").decode()


def pdf_string(text):
    s = ascii_vi(text)
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(lines, title):
    """lines: list of (x, y, size, bold, text) on one A4 page."""
    ops = ["BT"]
    for x, y, size, bold, text in lines:
        ops.append("/%s %d Tf 1 0 0 1 %d %d Tm %s Tj" % ("F2" if bold else "F1", size, x, y, pdf_string(text)))
    ops.append("ET")
    # a rule under the national motto, as on real dispatches
    ops.append("0.6 w 360 748 m 500 748 l S")
    stream = "\n".join(ops).encode("ascii")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        ("<< /Title %s /Producer (bantin tools/make-sample-pdf.py) >>" % pdf_string(title)).encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def wrap(text, width=88):
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    if cur:
        lines.append(cur)
    return lines


def dispatch(number, place_date, kind_line, subject_lines, recipients, paragraphs, signer_lines,
             agency=("ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK")):
    lines = [
        (60, 790, 10, False, agency[0]),
        (60, 776, 10, True, agency[1]),
        (330, 790, 10, True, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (358, 776, 10, True, "Độc lập - Tự do - Hạnh phúc"),
        (60, 752, 10, False, "Số: " + number),
        (330, 730, 10, False, place_date),
    ]
    y = 730
    if kind_line:
        y -= 30
        lines.append((240, y, 13, True, kind_line))
    for s in subject_lines:
        y -= 16
        lines.append((80, y, 10, kind_line is None, s))
    y -= 28
    for r in recipients:
        lines.append((140, y, 10, False, r))
        y -= 14
    y -= 10
    for p in paragraphs:
        for l in wrap(ascii_vi(p)):
            lines.append((60, y, 10, False, l))
            y -= 14
        y -= 6
    y -= 16
    for s in signer_lines:
        lines.append((360, y, 10, not s.startswith("("), s))
        y -= 14
    return lines


SAMPLES = {
    "content/chi-dao-dieu-hanh/2023-02-15-tham-gia-dieu-tra-xa-hoi-hoc-chi-so-cai-cach-hanh-chinh-nam-2022/cv-1141-UBND-KSTTHC.pdf": (
        "Công văn số 1141/UBND-KSTTHC",
        dispatch(
            "1141/UBND-KSTTHC",
            "Đắk Lắk, ngày 15 tháng 02 năm 2023",
            None,
            ["V/v thực hiện Công văn số 385/BNV-CCHC ngày 06/02/2023",
             "của Bộ Nội vụ về tổ chức điều tra xã hội học phục vụ",
             "xác định Chỉ số cải cách hành chính năm 2022"],
            ["Kính gửi:",
             "- Văn phòng Đoàn ĐBQH và HĐND tỉnh;",
             "- Các Sở, ban, ngành;",
             "- UBND các huyện, thị xã, thành phố."],
            ["Thực hiện Công văn số 385/BNV-CCHC ngày 06/02/2023 của Bộ Nội vụ về tổ chức điều tra xã hội học "
             "phục vụ xác định Chỉ số cải cách hành chính năm 2022, UBND tỉnh yêu cầu Thủ trưởng các Sở, ban, ngành; "
             "Chủ tịch UBND các huyện, thị xã, thành phố quán triệt đến cán bộ, công chức thuộc đối tượng tham gia "
             "điều tra xã hội học nghiêm túc trả lời phiếu điều tra, bảo đảm khách quan, trung thực, đúng đối tượng, "
             "đúng thời gian yêu cầu.",
             "Giao Sở Nội vụ chủ trì, làm đầu mối phối hợp với Bộ Nội vụ trong đôn đốc, theo dõi, giám sát các nhóm "
             "đối tượng thực hiện nhiệm vụ trả lời phiếu điều tra xã hội học. Giao Sở Thông tin và Truyền thông chỉ "
             "đạo các cơ quan báo chí thông tin, tuyên truyền về mục tiêu, ý nghĩa của việc trả lời phiếu khảo sát.",
             "(Bản mẫu dùng cho trang tin thử nghiệm - không có giá trị pháp lý.)"],
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "(đã ký)"],
        ),
    ),
    "content/chi-dao-dieu-hanh/2024-01-29-chi-thi-tang-cuong-phong-chay-chua-chay-rung-mua-kho/ct-02-CT-UBND.pdf": (
        "Chỉ thị số 02/CT-UBND",
        dispatch(
            "02/CT-UBND",
            "Đắk Lắk, ngày 29 tháng 01 năm 2024",
            "CHỈ THỊ",
            ["Về tăng cường các biện pháp cấp bách phòng cháy,",
             "chữa cháy rừng mùa khô năm 2023 - 2024"],
            [],
            ["Mùa khô năm 2023 - 2024 trên địa bàn tỉnh được dự báo nắng nóng gay gắt, kéo dài, nguy cơ cháy rừng "
             "ở mức cao và rất cao. Để chủ động phòng ngừa, hạn chế thấp nhất thiệt hại do cháy rừng gây ra, "
             "Chủ tịch UBND tỉnh yêu cầu:",
             "1. Chủ tịch UBND các huyện, thị xã, thành phố chịu trách nhiệm toàn diện về công tác phòng cháy, "
             "chữa cháy rừng trên địa bàn; kiện toàn Ban Chỉ huy, xây dựng phương án theo phương châm bốn tại chỗ.",
             "2. Sở Nông nghiệp và Phát triển nông thôn chỉ đạo Chi cục Kiểm lâm tổ chức trực 24/24 giờ tại các "
             "vùng trọng điểm, cập nhật cảnh báo cấp dự báo cháy rừng hằng ngày.",
             "3. Các chủ rừng bố trí lực lượng, phương tiện, dụng cụ chữa cháy tại chỗ; không để cháy lớn xảy ra.",
             "(Bản mẫu dùng cho trang tin thử nghiệm - không có giá trị pháp lý.)"],
            ["CHỦ TỊCH", "", "", "(đã ký)"],
        ),
    ),
    "content/van-ban/cv-385-BNV-CCHC.pdf": (
        "Công văn số 385/BNV-CCHC",
        dispatch(
            "385/BNV-CCHC",
            "Hà Nội, ngày 06 tháng 02 năm 2023",
            None,
            ["V/v tổ chức điều tra xã hội học phục vụ xác định",
             "Chỉ số cải cách hành chính năm 2022"],
            ["Kính gửi:",
             "- Các Bộ, cơ quan ngang Bộ;",
             "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương."],
            ["Thực hiện Kế hoạch cải cách hành chính nhà nước năm 2023, Bộ Nội vụ phối hợp với các cơ quan liên quan "
             "tổ chức điều tra xã hội học phục vụ xác định Chỉ số cải cách hành chính năm 2022 của các bộ, cơ quan "
             "ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
             "Đề nghị các cơ quan, địa phương chỉ đạo cán bộ, công chức thuộc đối tượng khảo sát trả lời phiếu "
             "điều tra xã hội học nghiêm túc, khách quan, đúng thời gian quy định.",
             "(Bản mẫu dùng cho trang tin thử nghiệm - không có giá trị pháp lý.)"],
            ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "(đã ký)"],
            agency=("BỘ NỘI VỤ", ""),
        ),
    ),
    "content/van-ban/qd-12-2023-QD-UBND.pdf": (
        "Quyết định số 12/2023/QĐ-UBND",
        dispatch(
            "12/2023/QĐ-UBND",
            "Đắk Lắk, ngày 20 tháng 03 năm 2023",
            "QUYẾT ĐỊNH",
            ["Ban hành Quy chế tổ chức và hoạt động của",
             "Trung tâm Phục vụ hành chính công tỉnh Đắk Lắk"],
            [],
            ["ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK",
             "Điều 1. Ban hành kèm theo Quyết định này Quy chế tổ chức và hoạt động của Trung tâm Phục vụ hành chính "
             "công tỉnh Đắk Lắk.",
             "Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 04 năm 2023.",
             "Điều 3. Chánh Văn phòng UBND tỉnh, Thủ trưởng các Sở, ban, ngành; Chủ tịch UBND các huyện, thị xã, "
             "thành phố chịu trách nhiệm thi hành Quyết định này.",
             "(Bản mẫu dùng cho trang tin thử nghiệm - không có giá trị pháp lý.)"],
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "(đã ký)"],
        ),
    ),
}


def main():
    for rel, (title, lines) in SAMPLES.items():
        path = os.path.join(ROOT, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = make_pdf(lines, title)
        with open(path, "wb") as f:
            f.write(data)
        print("%6d bytes  %s" % (len(data), rel))


if __name__ == "__main__":
    main()
