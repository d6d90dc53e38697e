## Problems found reading the site's files: content, front matter, config.yaml, the theme, data files (src/load, src/config.rs, src/theme.rs, src/yaml.rs, src/text.rs, src/files.rs).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-symlink = bỏ qua liên kết tượng trưng (symlink), không đọc tệp mà nó trỏ tới

## YAML (src/yaml.rs): front matter, config.yaml, theme strings. serde's and
## libyaml's wordings, sorted into these messages; `key` is serde_yaml's
## path of the value (`views`, `dispatch.files`, `tags[1]`).

problem-yaml-too-deep = các ngoặc lồng nhau quá sâu: hơn { $max } tầng [ ] hoặc {"{"} {"}"}
problem-yaml-too-deep-hint = đóng bớt các ngoặc, hoặc viết giá trị trên nhiều dòng
# A wording of the parser the catalog has no message for, as the parser put it.
problem-yaml-error = không đọc được YAML: { $detail }
problem-yaml-expand-aliases = các tham chiếu YAML (*tên) ở đây bung ra quá nhiều dữ liệu: hãy viết thẳng các giá trị ra
problem-yaml-never-closed = giá trị trong ngoặc kép hoặc danh sách [ ] bắt đầu từ đây chưa được đóng lại
problem-unknown-key = khóa `{ $key }` không hợp lệ
problem-unknown-key-in = khóa `{ $key }` trong `{ $section }` không hợp lệ
problem-unknown-key-did-you-mean = có phải định viết `{ $suggestion }`?
problem-unknown-key-known = các khóa hợp lệ: { $keys }
# `found`: string, integer, float, boolean (with `value` as the parser wrote
# it), sequence, map, null; `expected`: u64, usize, i64, boolean, string,
# sequence, map, struct (with its `name`).
problem-wrong-type = `{ $key }:` sai kiểu giá trị: cần { $expected ->
        [u64] một số nguyên từ 0 trở lên
        [usize] một số nguyên từ 0 trở lên
        [i64] một số nguyên
        [boolean] `true` hoặc `false`
        [sequence] một danh sách, như `[a, b]`
        [map] các khóa con, mỗi khóa một dòng thụt vào
        [struct] { $name ->
            [DispatchFront] các thông tin của văn bản (`number:`, `kind:`, …), mỗi thông tin một dòng thụt vào
           *[other] các khóa con, mỗi khóa một dòng thụt vào
        }
       *[string] một dòng chữ
    }, nhưng { $found ->
        [integer] đang ghi số { $value }
        [float] đang ghi số { $value }
        [sequence] đang ghi một danh sách
        [map] đang ghi các khóa con
        [null] đang để trống
       *[string] đang ghi { $value }
    }
# The whole block is not a mapping: `expected` is struct (with its `name`) or map.
problem-wrong-type-top = { $expected ->
        [map] tệp này
       *[struct] { $name ->
            [RawConfig] config.yaml
           *[other] phần thông tin đầu bài
        }
    } phải gồm các dòng `khóa: giá trị`, nhưng { $found ->
        [integer] đang ghi số { $value }
        [float] đang ghi số { $value }
        [sequence] đang ghi một danh sách
        [map] đang ghi các khóa con
        [null] đang để trống
       *[string] đang ghi { $value }
    }
problem-missing-key = thiếu khóa bắt buộc `{ $name }`
problem-missing-key-in = `{ $key }:` thiếu khóa bắt buộc `{ $name }`
problem-duplicate-key = khóa `{ $name }` bị viết lặp lại
problem-duplicate-key-in = `{ $key }:` khóa `{ $name }` bị viết lặp lại
problem-bad-date = ngày giờ `{ $value }` không hợp lệ: hãy viết như 15/02/2023 08:46, 15/02/2023, 2023-02-15 08:46 hoặc 2023-02-15T08:46:50+07:00
problem-bad-date-in = `{ $key }:` ngày giờ `{ $value }` không hợp lệ: hãy viết như 15/02/2023 08:46, 15/02/2023, 2023-02-15 08:46 hoặc 2023-02-15T08:46:50+07:00
problem-bad-day = ngày `{ $value }` không hợp lệ: hãy viết như 15/02/2023 hoặc 2023-02-15
problem-bad-day-in = `{ $key }:` ngày `{ $value }` không hợp lệ: hãy viết như 15/02/2023 hoặc 2023-02-15
problem-yaml-colon = có dấu `:` ở chỗ không được phép: giá trị có dấu `:` phải đặt trong ngoặc kép, hoặc dòng này bị thụt lề sai
problem-yaml-expected-key = ở đây cần một dòng `khóa: giá trị`: kiểm tra thụt lề, dấu `-` ở đầu dòng, và chữ viết thêm sau dấu ngoặc kép đóng
problem-yaml-missing-colon = dòng này thiếu dấu `:` sau khóa (mỗi dòng viết `khóa: giá trị`)
problem-yaml-unclosed-quote = đã hết nội dung mà dấu ngoặc kép (hoặc ngoặc đơn) mở ở đây vẫn chưa được đóng
problem-yaml-unclosed-list = danh sách [ ] thiếu dấu `,` giữa các mục hoặc thiếu dấu `]` đóng
problem-yaml-unclosed-braces = nhóm {"{"} {"}"} thiếu dấu `,` giữa các mục hoặc thiếu dấu `{"}"}` đóng
problem-yaml-missing-value = thiếu giá trị ở chỗ này (có thể thừa dấu `,` ở cuối danh sách)
problem-yaml-dash = có mục danh sách (dòng bắt đầu bằng `-`) ở chỗ không được phép: đưa mục xuống dòng riêng và thụt vào, hoặc đặt giá trị trong ngoặc kép
problem-yaml-bad-start = giá trị bắt đầu bằng một ký tự không được phép (như `@` hoặc dấu `` ` ``), hoặc dòng này bị thụt lề bằng dấu tab: hãy đặt giá trị trong ngoặc kép, và thụt lề bằng dấu cách
problem-yaml-bad-start-tab = gặp ký tự không được phép ở đầu dòng (thường là dấu tab): hãy thụt lề bằng dấu cách
problem-yaml-tab = dấu tab làm sai thụt lề: hãy thụt lề bằng dấu cách
problem-yaml-escape = trong ngoặc kép, dấu `\` đứng trước một ký tự không được phép: viết `\\` thay cho `\`, hoặc đặt giá trị trong ngoặc đơn '…'
problem-yaml-escape-hex = trong ngoặc kép, dấu `\` mở đầu một mã ký tự không hợp lệ (như trong `C:\Users`): viết `\\` thay cho `\`, hoặc đặt giá trị trong ngoặc đơn '…'
problem-yaml-star = giá trị bắt đầu bằng `*` bị hiểu là tham chiếu YAML: hãy đặt giá trị trong ngoặc kép
problem-yaml-ampersand = giá trị bắt đầu bằng `&` bị hiểu là nhãn YAML: hãy đặt giá trị trong ngoặc kép
problem-yaml-unknown-alias = giá trị bắt đầu bằng `*` bị hiểu là tham chiếu YAML tới một nhãn không tồn tại: hãy đặt giá trị trong ngoặc kép
problem-yaml-bang = giá trị bắt đầu bằng `!` bị hiểu là thẻ kiểu YAML: hãy đặt giá trị trong ngoặc kép
problem-yaml-bang-handle = giá trị bắt đầu bằng `!` bị hiểu là thẻ kiểu YAML chưa được khai báo: hãy đặt giá trị trong ngoặc kép
problem-yaml-documents = tệp có nhiều hơn một khối YAML (có dòng `---` hoặc `...` ở giữa): chỉ được có một
problem-yaml-repetition = các tham chiếu YAML bung ra quá nhiều dữ liệu
problem-yaml-recursion = các giá trị lồng nhau quá sâu

## config.yaml (src/config.rs)

problem-config-unreadable = không đọc được tệp cấu hình của trang tin: { $detail }
problem-config-unreadable-hint = chạy `bantin init` để tạo trang tin mới, hoặc chạy bantin trong thư mục của trang tin
# base_url: in config.yaml, or --base-url.
problem-base-url-not-absolute = cần một địa chỉ đầy đủ như https://example.gov.vn/, nhưng đang ghi `{ $url }`
problem-base-url-scheme = địa chỉ phải bắt đầu bằng http:// hoặc https://, nhưng đang ghi `{ $url }`
problem-base-url-no-host = địa chỉ `{ $url }` thiếu tên miền
problem-base-url-query = địa chỉ gốc không được có phần truy vấn (`?`) hay neo (`#`): `{ $url }`
problem-config-language = cần `vi` hoặc `en`, nhưng đang ghi `{ $value }`
problem-config-timezone = cần một múi giờ dạng "+07:00", nhưng đang ghi `{ $value }`
problem-config-paginate = cần số bài viết trên mỗi trang, ít nhất là 1
problem-config-theme-name = cần tên một thư mục trong themes/, nhưng đang ghi `{ $value }`
problem-config-limits = các giới hạn độ dài (title, summary, body_bytes) phải từ 1 trở lên
problem-config-embed-host = cần một tên miền như `www.youtube-nocookie.com`, nhưng đang ghi `{ $value }`

## The theme (src/theme.rs), text files (src/text.rs), special files (src/files.rs)

problem-theme-not-found = không tìm thấy giao diện `{ $name }`: cần có thư mục themes/{ $name }/
problem-theme-unreadable = không đọc được giao diện: { $detail }
problem-not-utf8 = tệp không đúng bảng mã UTF-8 (byte lỗi ở vị trí { $offset })
problem-not-utf8-hint = lưu lại tệp với bảng mã UTF-8 (trong Notepad: Save As → Encoding: UTF-8)
problem-special-file = bỏ qua { $kind ->
        [fifo] ống dẫn có tên (FIFO)
        [socket] socket
        [device] tệp thiết bị
       *[other] tệp đặc biệt
    } này: chỉ đọc các tệp thông thường
problem-special-file-hint = hãy xóa tệp này khỏi thư mục của trang tin

## content/ (src/load)

problem-no-content-folder = trang tin không có thư mục content/
problem-no-content-folder-hint = chạy bantin trong thư mục của trang tin (thư mục chứa config.yaml và content/)
problem-content-unreadable = không đọc được: { $detail }
problem-file-name-not-unicode = tên tệp không phải chữ Unicode hợp lệ: hãy đổi tên tệp
problem-index-too-deep = `_index.md` phải nằm ngay trong thư mục của một mục tin (content/<mục tin>/)
problem-no-front-matter = thiếu phần thông tin đầu bài: tệp phải bắt đầu bằng một dòng `---`
problem-no-front-matter-hint = mở đầu tệp bằng dòng `---`, rồi `title: "…"` và các thông tin khác, rồi một dòng `---`
problem-front-matter-not-closed = phần thông tin đầu bài chưa được đóng: cần một dòng `---` sau các thông tin
problem-front-matter-not-closed-hint = thêm một dòng `---` giữa thông tin cuối cùng và nội dung bài
problem-front-matter-empty = phần thông tin đầu bài đang trống: cần ít nhất `title:`
# Hints for a file of content/van-ban/ (the documents registry).
problem-records-only = content/van-ban/ chỉ chứa văn bản: viết `dispatch:` (number, kind, issued, issuer, signer, subject, field, status, file/files) và có thể thêm `draft:`; bài viết tin tức hãy đặt ở mục tin khác
problem-record-needs-dispatch = mỗi tệp trong content/van-ban/ là một văn bản: bắt đầu bằng `dispatch:` và `number:`

## View counts: data/views.csv, data/views.json (src/load/counts.rs)

problem-views-both-files = có cả data/views.csv lẫn data/views.json: không rõ nên lấy số lượt xem ở tệp nào
problem-views-both-files-hint = chỉ giữ lại một trong hai tệp
problem-views-bad-row = không đọc được dòng này: { $detail }
problem-views-field-count = cần { $width } cột (đường dẫn và số lượt xem, cách nhau bằng `{ $sep }`), nhưng dòng này có { $count } cột
problem-views-field-count-hint = mỗi dòng viết như `/tin-tuc/hoi-nghi/,1234`; đường dẫn có chứa dấu phân cách thì đặt trong ngoặc kép
problem-views-empty-field = cần đường dẫn của trang, nhưng cột này đang để trống
problem-views-empty-field-hint = viết đường dẫn URL (`/tin-tuc/hoi-nghi/`) hoặc tệp nội dung (`tin-tuc/hoi-nghi.md`)
problem-views-bad-count = cần số lượt xem (một số nguyên từ 0 trở lên), nhưng đang ghi `{ $value }`
problem-views-bad-json = JSON không hợp lệ: { $detail }
problem-views-json-shape = cần một đối tượng đường dẫn → số lượt xem, hoặc một mảng các mục {"{"}path, views{"}"}
problem-views-entry-no-path = mục thứ { $entry } không có chuỗi "path"
problem-views-entry-no-path-hint = mỗi mục viết như {"{"}"path": "/tin-tuc/hoi-nghi/", "views": 1234{"}"}
problem-views-empty-string = cần đường dẫn của trang, nhưng đang là chuỗi rỗng
problem-views-bad-count-for = cần số lượt xem (một số nguyên từ 0 trở lên) cho `{ $path }`, nhưng đang ghi { $value }
problem-views-no-count = cần số lượt xem (một số nguyên từ 0 trở lên) cho `{ $path }`, nhưng chưa ghi gì
problem-views-unknown-path = không có bài viết nào đã đăng có đường dẫn `{ $path }`; số lượt xem của dòng này bị bỏ qua
problem-views-under-root = trang tin nằm dưới { $root }: có phải định viết `{ $suggestion }`?
problem-views-deleted-article = bài viết đã bị xóa hoặc đổi tên? hãy viết đường dẫn URL tính từ gốc tên miền (`/tin-tuc/hoi-nghi/`) hoặc tệp nội dung (`tin-tuc/hoi-nghi.md`)
