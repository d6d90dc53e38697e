# Thông báo của bantin bằng tiếng Việt. Mỗi mục có bản tương ứng trong en.ftl
# (thiếu là kiểm thử báo lỗi) và đều được mã nguồn dùng đến. Văn bản ở dạng
# NFC. Thuật ngữ thống nhất theo docs/glossary.md; ngày viết dd/mm/yyyy, số
# viết 5.000 và 0,42.

## Cách in một vấn đề: giữ nguyên khuôn `đường-dẫn:dòng:cột: …` để trình
## soạn thảo mở được đúng chỗ.

severity-error = lỗi
severity-warning = cảnh báo
note = lưu ý
hint-label = gợi ý:
diagnostic = { $location }: { $severity }: { $message }
diagnostic-coded = { $location }: { $severity }: { $message } [{ $code }]
errors-nothing-written = Có { $n } lỗi nên chưa ghi tệp nào.

## Các vấn đề lấy lời từ danh mục thông báo (mã cố định, không có tham số).


## init và new

done-created = Đã tạo
init-created = { $created } trang tin mới trong thư mục { $dir } ({ $files } tệp)
init-next = Bước tiếp theo: cd { $dir } && bantin build
new-created = { $created } { $path }

## build

done-built = Đã dựng
build-summary = { $built } { $articles } bài viết, { $pages } trang, { $attachments } tệp đính kèm trong { $seconds } giây → { $output }{ $skipped }
build-skipped = ; chưa đưa vào { $n } bài (bản nháp hoặc chưa đến ngày đăng)
build-timings-images = ảnh: { $sources } ảnh gốc, giải mã { $decoded }, mã hóa { $encoded }, dùng lại { $reused } từ bộ nhớ đệm
build-timings-output = đầu ra: ghi { $written } tệp, { $unchanged } tệp không đổi, xóa { $removed }, nén { $compressed }
progress-rendering = đang dựng { $pos } trang ({ $rate })
foreign-kept = giữ lại { $n } tệp trong { $output } không do bantin tạo ra (`bantin build --clean` sẽ xóa chúng):
foreign-removed = đã xóa { $n } tệp trong { $output } không do bantin tạo ra (--clean):
foreign-replaced = đã thay { $n } tệp trong { $output } không do bantin tạo ra bằng tệp cùng đường dẫn của trang:
foreign-more = … và { $n } tệp khác
leftover-removed = đã xóa { $path }, phần còn sót lại của một lần dựng bị gián đoạn

## check

check-no-problems = Không phát hiện vấn đề nào
check-ok = { $ok } ({ $seen }).
check-counts = { $errors } lỗi, { $warnings } cảnh báo
check-problems = { $counts } ({ $seen }).
check-seen = đã kiểm tra { $pages } trang, { $links } liên kết trong { $seconds } giây

## serve: dòng in ra cửa sổ lệnh

serve-port-taken = cổng { $port } đang được dùng, thử cổng { $next }
serve-not-loopback = đang lắng nghe trên địa chỉ { $ip }: các máy khác trong mạng cũng xem được bản xem trước (mặc định: 127.0.0.1)
done-serving = Bản xem trước đang chạy
serve-listening = { $serving } tại { $url } (bấm Ctrl-C để dừng)
serve-editor = { $editor } tại { $url }
serve-editor-name = Soạn bài
serve-editor-off = Soạn bài đang tắt: công cụ này ghi tệp nên chỉ chạy trên 127.0.0.1 hoặc ::1, không chạy trên { $ip }
serve-built = { $built } { $pages } trang trong { $ms } ms (trong bộ nhớ, không ghi vào public/)
serve-rebuilt = đã dựng lại trong { $ms } ms ({ $changed } tệp thay đổi; dựng { $rendered } trang, dùng lại { $reused } trang; đọc { $parsed } tệp{ $quick ->
    [yes] ; dựng nhanh
   *[no] {""}
})
serve-keeps-last-good = bản xem trước vẫn hiển thị phiên bản đúng gần nhất cho đến khi sửa xong lỗi này
serve-watch-error = lỗi khi theo dõi tệp: { $error }

## serve: khung báo lỗi hiện đè lên trang khi trang không dựng được

overlay-heading = Lỗi khi dựng trang — đang hiển thị phiên bản đúng gần nhất
overlay-hint = gợi ý:

## Chọn ngôn ngữ

lang-env-unknown = BANTIN_LANG={ $value } không phải `vi` hay `en`; bỏ qua

## Dòng lệnh (clap): tiêu đề, lệnh và tùy chọn

cli-usage = Cách dùng:
cli-commands = Lệnh
cli-arguments = Tham số
cli-options = Tùy chọn
cli-default = mặc định: { $value }
cli-values = giá trị: { $values }
cli-more-info = Xem hướng dẫn đầy đủ: '{ $help }'.
cli-help = In hướng dẫn sử dụng
cli-version = In số phiên bản
cli-help-command = In hướng dẫn này hoặc hướng dẫn của lệnh được nêu
cli-about = Công cụ dựng trang tin tĩnh cho cổng thông tin điện tử của cơ quan truyền thông cấp tỉnh.
cli-root = Thư mục của trang (chứa config.yaml và content/).
cli-quiet = Chỉ in lỗi.
cli-lang = Ngôn ngữ của thông báo: vi hoặc en (hoặc đặt BANTIN_LANG; mặc định theo `language` của trang, nếu không có thì theo hệ thống).
cli-init = Tạo một trang tin mới kèm một bài viết mẫu.
cli-init-dir = Thư mục để tạo trang (phải trống hoặc chưa tồn tại).
cli-new = Tạo bài viết mới, tên tệp đặt theo tiêu đề.
cli-new-title = Tiêu đề, ví dụ "Hội nghị triển khai nhiệm vụ năm 2024".
cli-new-section = Thư mục mục tin trong content/.
cli-new-slug = Tên tệp (không có .md) dùng thay cho tên đặt theo tiêu đề.
cli-build = Dựng trang vào thư mục public/.
cli-drafts = Đưa cả các bài có `draft: true` (bản nháp).
cli-future = Đưa cả các bài có ngày đăng trong tương lai.
cli-build-output = Thư mục đầu ra (mặc định: public/ trong thư mục trang).
cli-build-base-url = Dùng địa chỉ gốc này thay cho `base_url` trong config.yaml.
cli-build-timings = In thời gian của từng bước.
cli-build-clean = Xóa các tệp trong thư mục đầu ra không do bantin tạo ra (nếu không, chúng được giữ lại và liệt kê); cũng thay thế thư mục mà bantin không nhận ra.
cli-serve = Xem trước trang, tự tải lại khi sửa (dựng trong bộ nhớ, không ghi vào public/).
cli-serve-port = Cổng để chạy bản xem trước (nếu cổng đang bận thì dùng cổng trống kế tiếp).
cli-serve-bind = Địa chỉ lắng nghe; nếu không phải địa chỉ nội bộ (127.0.0.1) thì các máy khác trong mạng cũng xem được bản xem trước.
cli-serve-open = Mở bản xem trước trong trình duyệt mặc định.
cli-serve-timings = In thời gian của từng bước mỗi lần dựng lại (hoặc đặt BANTIN_TIMINGS=1).
cli-serve-no-editor = Không mở trình soạn bài (Soạn bài) tại /__bantin/soan-bai/.
cli-check = Kiểm tra trang mà không ghi gì: liên kết, neo (#), ảnh, tệp đính kèm, phần thông tin đầu bài. Trả mã 1 khi có lỗi.
cli-check-strict = Coi là không đạt cả khi chỉ có cảnh báo.
cli-check-format = `human` (từng dòng như trình biên dịch) hoặc `json` (mỗi dòng một đối tượng JSON).
cli-check-external = Kiểm tra cả liên kết sang trang khác (qua mạng, lưu đệm trong .bantin-cache/).
cli-check-timeout = Số giây chờ mỗi liên kết ngoài.
