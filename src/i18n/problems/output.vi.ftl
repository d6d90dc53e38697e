## Problems found writing the output, serving the preview, the editor, init and new (src/write, src/serve, src/build.rs, src/scaffold.rs, src/draft.rs, src/error.rs).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-folder-not-empty = thư mục không trống: bantin init chỉ tạo trang mới trong một thư mục trống
problem-folder-not-empty-hint = chọn tên một thư mục mới, ví dụ: bantin init ten-trang
problem-no-title = thiếu tiêu đề bài viết: bantin new "Tiêu đề bài viết"
problem-no-file-name = không tạo được tên tệp từ tiêu đề này
problem-no-file-name-hint = tự đặt tên tệp bằng --slug, ví dụ: --slug hoi-nghi-2024
problem-file-exists = tệp này đã có nên được giữ nguyên, không ghi đè
problem-file-exists-hint = chọn tiêu đề khác, hoặc đặt tên tệp bằng --slug
