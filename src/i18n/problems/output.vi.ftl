## Problems found writing the output, serving the preview, the editor, init and new (src/write, src/serve, src/build.rs, src/scaffold.rs, src/draft.rs, src/error.rs).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-folder-not-empty = thư mục không trống: bantin init chỉ tạo trang mới trong một thư mục trống
problem-folder-not-empty-hint = chọn tên một thư mục mới, ví dụ: bantin init ten-trang
problem-no-title = thiếu tiêu đề bài viết: bantin new "Tiêu đề bài viết"
problem-no-file-name = không tạo được tên tệp từ tiêu đề này
problem-no-file-name-hint = tự đặt tên tệp bằng --slug, ví dụ: --slug hoi-nghi-2024
problem-file-exists = tệp này đã có nên được giữ nguyên, không ghi đè
problem-file-exists-hint = chọn tiêu đề khác, hoặc đặt tên tệp bằng --slug

## Input/output failures (Diagnostic::io, Diagnostic::io_op); $detail is the system's own text.
problem-input-output-error = lỗi khi đọc hoặc ghi: { $detail }
problem-cannot-read-file = không đọc được tệp: { $detail }
problem-cannot-write-file = không ghi được tệp: { $detail }
problem-cannot-rename-into-place = không đổi tên được để đưa tệp vào đúng chỗ: { $detail }
problem-cannot-copy-file = không sao chép được tệp: { $detail }
problem-cannot-create-folder = không tạo được thư mục: { $detail }
problem-cannot-list-folder = không đọc được danh sách tệp trong thư mục: { $detail }
problem-cannot-remove = không xóa được: { $detail }
problem-cannot-inspect-file = không đọc được thông tin của tệp: { $detail }

## Writing the output folder (src/write).
problem-cannot-lock-output = không khóa được thư mục đầu ra: { $detail }
problem-cannot-create-folder-in = không tạo được thư mục mới trong { $path }: { $detail }
problem-cannot-put-build-in-place = không đưa được bản dựng mới vào { $path }: { $detail }
problem-cannot-remove-previous-build = không xóa được bản dựng trước tại { $path }: { $detail }
problem-cannot-read = không đọc được: { $detail }
problem-cannot-restore-previous-output = không khôi phục được thư mục đầu ra cũ từ { $path }: { $detail }
problem-cannot-remove-leftover = không xóa được phần còn sót lại của một lần dựng bị gián đoạn: { $detail }
problem-cannot-resolve-path = không xác định được đường dẫn: { $detail }
problem-output-not-bantins = không thay thế thư mục này vì trong đó có tệp không do bantin tạo ra
problem-output-not-bantins-hint = làm trống thư mục, chọn thư mục đầu ra khác bằng --output, hoặc thêm --clean để thay toàn bộ những gì có trong đó
problem-cannot-read-output-record = không đọc được bản ghi của bantin về các tệp đã tạo trong thư mục đầu ra: { $detail }
problem-cannot-read-output-record-hint = xóa bản ghi này rồi chạy lại với --clean, hoặc làm trống thư mục đầu ra
problem-output-is-site = không ghi bản dựng đè lên chính thư mục trang
problem-output-is-site-hint = chọn một thư mục đầu ra nằm trong thư mục trang, ví dụ public/
problem-output-in-sources = không ghi bản dựng vào { $folder }/: đây là nơi chứa tệp nguồn của trang
problem-output-in-sources-hint = chọn một thư mục đầu ra khác, ví dụ public/
problem-output-is-file = đường dẫn đầu ra là một tệp, cần một thư mục
problem-output-dangling-symlink = { $link } là liên kết tượng trưng trỏ tới nơi không tồn tại
problem-output-dangling-symlink-hint = tạo thư mục mà nó trỏ tới, hoặc cho nó trỏ sang chỗ khác

## Serving the preview (src/serve); $port, $first and $last are port numbers.
problem-cannot-open-site-folder = không mở được thư mục trang: { $detail }
problem-cannot-start-editor = không khởi động được Soạn bài: { $detail }
problem-cannot-watch = không theo dõi được thay đổi trong thư mục trang: { $detail }
problem-serve-cannot-start = không khởi động được bản xem trước: { $detail }
problem-server-stopped = bản xem trước đã dừng vì lỗi: { $detail }
problem-cannot-listen-on-port = không mở được cổng { $port }: { $detail }
problem-ports-in-use = các cổng từ { $first } đến { $last } đều đang bận ({ $detail })
problem-ports-in-use-hint = chọn cổng khác bằng --port

## The editor's draft preview (src/draft.rs).
problem-not-an-article-file = đây không phải tệp bài viết

## Soạn bài (src/serve/editor/).
problem-editor-front-matter-not-a-mapping = phần thông tin đầu bài không phải là các dòng `khóa: giá trị`
problem-editor-not-utf8 = tệp không phải văn bản UTF-8 hợp lệ
