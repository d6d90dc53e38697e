//! The editor's words, in Vietnamese and English (the site's `language`),
//! and HTML escaping for the pages built from them.

/// (key, Vietnamese, English).
const WORDS: &[(&str, &str, &str)] = &[
    ("app", "Soạn bài", "Write"),
    ("dashboard", "Danh sách bài", "Articles"),
    ("new", "Viết bài mới", "New article"),
    ("site", "Xem trang", "View site"),
    ("edit_this", "Sửa bài này", "Edit this article"),
    ("title", "Tiêu đề", "Title"),
    ("section", "Chuyên trang", "Section"),
    ("category", "Chuyên mục", "Category"),
    (
        "tags",
        "Từ khoá (cách nhau bằng dấu phẩy)",
        "Tags (comma-separated)",
    ),
    ("date", "Ngày giờ đăng", "Date and time"),
    ("author", "Tác giả", "Author"),
    ("summary", "Tóm tắt", "Summary"),
    ("pinned", "Ghim lên đầu", "Pinned"),
    ("draft", "Bản nháp (chưa đăng)", "Draft (not published)"),
    ("slug", "Đường dẫn (slug)", "Slug"),
    ("dispatch", "Văn bản (công văn)", "Document (dispatch)"),
    ("dispatch.number", "Số, ký hiệu", "Number"),
    ("dispatch.kind", "Loại văn bản", "Kind"),
    ("dispatch.issued", "Ngày ban hành", "Issued"),
    ("dispatch.effective", "Ngày hiệu lực", "Effective"),
    ("dispatch.issuer", "Cơ quan ban hành", "Issuer"),
    ("dispatch.signer", "Người ký", "Signer"),
    ("dispatch.subject", "Trích yếu", "Subject"),
    ("dispatch.field", "Lĩnh vực", "Field"),
    ("dispatch.status", "Tình trạng hiệu lực", "Status"),
    ("body", "Nội dung", "Body"),
    ("preview", "Xem trước", "Preview"),
    ("save", "Lưu", "Save"),
    ("delete", "Chuyển vào thùng rác", "Move to trash"),
    ("saved", "Đã lưu.", "Saved."),
    (
        "unchanged",
        "Không có thay đổi nào để lưu.",
        "Nothing changed.",
    ),
    (
        "conflict",
        "Tệp đã bị sửa ở nơi khác từ khi bạn mở. Chưa lưu gì. Hai bản:",
        "The file changed elsewhere since you opened it. Nothing was saved. Both versions:",
    ),
    ("yours", "Bản của bạn", "Yours"),
    ("disk", "Bản trên đĩa", "On disk"),
    (
        "errors",
        "Bài còn lỗi. Chỉ bản nháp mới được lưu khi còn lỗi.",
        "The article has errors. Only a draft can be saved with errors.",
    ),
    ("error", "Lỗi", "Error"),
    ("warning", "Cảnh báo", "Warning"),
    ("line", "dòng", "line"),
    ("all", "Tất cả", "All"),
    ("search", "Tìm", "Search"),
    ("filter", "Lọc", "Filter"),
    ("state", "Trạng thái", "State"),
    ("da-dang", "Đã đăng", "Published"),
    ("nhap", "Nháp", "Draft"),
    ("hen-gio", "Hẹn giờ", "Scheduled"),
    ("loi", "Có lỗi", "Has errors"),
    ("views", "Lượt xem", "Views"),
    ("found", "bài", "articles"),
    ("page", "Trang", "Page"),
    ("prev", "Trang trước", "Previous"),
    ("next", "Trang sau", "Next"),
    ("number_ok", "Số hợp lệ", "Well-formed number"),
    ("suggest", "Có phải là", "Did you mean"),
    ("use", "Dùng số này", "Use this"),
    (
        "tag_same",
        "Đã có từ khoá viết khác:",
        "An existing tag is written differently:",
    ),
    ("chars", "ký tự", "characters"),
    ("refused", "Yêu cầu bị từ chối", "Request refused"),
    (
        "trashed",
        "Đã chuyển bài vào thùng rác:",
        "Moved to the trash:",
    ),
    (
        "open_fail",
        "Không mở được tệp này trong trình soạn thảo",
        "This file cannot be opened in the editor",
    ),
    ("bold", "Đậm", "Bold"),
    ("italic", "Nghiêng", "Italic"),
    ("heading", "Tiêu đề mục", "Heading"),
    ("list", "Danh sách", "List"),
    ("link", "Liên kết", "Link"),
    ("table", "Bảng", "Table"),
    ("quote", "Trích dẫn", "Quote"),
    (
        "no_js",
        "Xem trước cần JavaScript; bài vẫn lưu được bằng nút Lưu.",
        "The preview needs JavaScript; the Save button works without it.",
    ),
    (
        "kept",
        "Các trường khác (ảnh, tệp đính kèm…) được giữ nguyên.",
        "Other fields (photo, attachments…) are kept as written.",
    ),
    ("file", "Tệp", "File"),
    ("back", "Quay lại", "Back"),
];

/// What the build's most frequent problems mean, in Vietnamese, by the start
/// (or a part) of the build's own message, which is shown after it unchanged.
const GLOSSES: &[(&str, &str)] = &[
    (
        "expected a date",
        "Ngày giờ không hợp lệ (ví dụ đúng: 15/02/2023 08:46).",
    ),
    ("missing required key `date`", "Thiếu ngày giờ đăng."),
    ("missing field", "Thiếu một trường bắt buộc."),
    ("unknown key", "Trường này không có trong mẫu bài viết."),
    (
        "wrong type",
        "Giá trị không đúng kiểu (chữ, số, danh sách…).",
    ),
    (
        "invalid type",
        "Giá trị không đúng kiểu (chữ, số, danh sách…).",
    ),
    (
        "target not found",
        "Liên kết hoặc ảnh trỏ tới tệp không có trong trang.",
    ),
    ("image not found", "Không tìm thấy ảnh."),
    (
        "two pages would have the URL",
        "Hai bài trùng đường dẫn: đổi tên tệp hoặc đường dẫn (slug).",
    ),
    (
        "is not written as Decree 30/2020 shapes it",
        "Số, ký hiệu văn bản chưa đúng thể thức Nghị định 30/2020.",
    ),
    (
        "the document number is empty",
        "Chưa có số, ký hiệu văn bản.",
    ),
    (
        "front matter is never closed",
        "Phần thông tin đầu bài chưa được đóng bằng dòng ---.",
    ),
    (
        "cannot make a URL from this file name",
        "Không tạo được đường dẫn từ tên tệp.",
    ),
    (
        "unknown document status",
        "Tình trạng hiệu lực không nằm trong danh sách quen dùng.",
    ),
];

/// A Vietnamese explanation of a build message, when it is a frequent one.
pub fn gloss(message: &str) -> Option<&'static str> {
    GLOSSES
        .iter()
        .find(|(part, _)| message.contains(part))
        .map(|(_, vi)| *vi)
}

/// The word for `key` (the key itself when there is none).
pub fn t(english: bool, key: &str) -> &str {
    WORDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, vi, en)| if english { en } else { vi })
}

/// `s` safe in HTML text and attribute values (the templates' escaping).
pub fn esc(s: &str) -> String {
    crate::render::highlight::escape(s)
}

/// A percent-encoded query value.
pub fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
