## Problems found building the model and enriching it: articles, sections, terms, the documents registry, photos, limits (src/site, src/images).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.


## Articles and their addresses (src/site/assemble.rs, src/site/limits.rs, src/site/terms.rs).

problem-article-without-date = thiếu khóa bắt buộc `date`: bài viết trong mục tin phải có ngày đăng
problem-article-without-date-hint = thêm, ví dụ, `date: 2023-02-15T08:46:50+07:00` hoặc `date: 15/02/2023 08:46`
problem-no-url-from-file-name = không tạo được đường dẫn từ tên tệp này
problem-no-url-from-file-name-hint = đổi tên tệp sao cho có chữ cái hoặc chữ số, hoặc đặt `slug:` trong phần thông tin đầu bài
problem-two-pages-one-url = hai trang sẽ có cùng đường dẫn { $url }: trang này và { $first }
problem-two-pages-one-url-hint = đổi tên một trong hai tệp, hoặc đặt `slug:` khác cho một bài
problem-two-files-one-url = hai tệp sẽ có cùng đường dẫn { $url }: tệp này và { $first }
problem-lead-image-not-found = không tìm thấy ảnh: content/{ $path }
problem-registry-turned-off = tệp này dành cho mục Văn bản, nhưng config.yaml đã tắt mục này (`registry: false`)
problem-registry-turned-off-hint = bỏ dòng `registry: false` trong config.yaml, hoặc chuyển tệp ra khỏi content/
## $what is title, summary or body; the sizes are text (no digit grouping).
problem-over-limit = { $what ->
        [title] tiêu đề
        [summary] phần tóm tắt
       *[body] phần nội dung
    } dài { $size } { $what ->
        [body] byte
       *[other] ký tự
    }, vượt giới hạn { $allowed } { $what ->
        [body] byte
       *[other] ký tự
    }
problem-over-limit-hint = hãy viết ngắn lại, hoặc nâng giới hạn ở `limits:` trong config.yaml (xem README, phần Limits)
problem-far-over-limit = { $what ->
        [title] tiêu đề
        [summary] phần tóm tắt
       *[body] phần nội dung
    } dài { $size } { $what ->
        [body] byte
       *[other] ký tự
    }, vượt quá { $hard } { $what ->
        [body] byte
       *[other] ký tự
    } (gấp { $factor } lần giới hạn)
problem-far-over-limit-hint = hãy viết ngắn lại, hoặc nâng giới hạn ở `limits:` trong config.yaml (xem README, phần Limits)
problem-terms-share-a-url-name = `{ $name }` và `{ $owner }` là hai từ khác nhau nhưng cho ra cùng một đường dẫn: `{ $name }` được đăng tại { $url }
problem-terms-share-a-url-name-hint = nếu là cùng một từ, hãy viết thống nhất ở mọi bài

## The documents registry (src/site/registry/).

problem-attachment-not-a-file = tệp đính kèm phải là một tệp đặt cạnh bài viết, không phải `{ $written }`
problem-attachment-not-found = không tìm thấy tệp đính kèm: content/{ $path }
problem-url-of-the-registry = đường dẫn { $url } thuộc về mục Văn bản
problem-url-of-the-registry-hint = đổi tên tệp, hoặc đặt `slug:` khác
problem-number-empty = chưa ghi số ký hiệu văn bản
problem-number-makes-no-address = không tạo được địa chỉ trang từ số ký hiệu `{ $number }`
problem-number-makes-no-address-hint = ghi số ký hiệu đúng như trên văn bản: `1141/UBND-KSTTHC`
problem-numbers-share-a-page = số ký hiệu `{ $number }` và `{ $written }` sẽ dùng chung trang { $url }: văn bản ghi ở đây và văn bản ghi trong { $place }
problem-numbers-share-a-page-hint = đối chiếu lại số ký hiệu với văn bản gốc
problem-document-described-twice = văn bản { $number } được ghi khác nhau ở hai tệp: `{ $key }` ở đây là "{ $mine }" nhưng trong { $place } là "{ $theirs }"
problem-document-described-twice-hint = mỗi số ký hiệu là một văn bản: chỉ ghi thông tin văn bản một lần (trong content/van-ban/), hoặc ghi giống hệt nhau ở cả hai tệp
problem-unknown-status = tình trạng hiệu lực `{ $status }` không có trong danh sách quen dùng
problem-status-did-you-mean = có phải định viết `{ $meant }`?
problem-known-statuses = các tình trạng hiệu lực quen dùng: { $statuses }
## A number (`$about` = number) or a citation in a body (citation, linked
## to the record $number) not written as Decree 30/2020 shapes it. Each flaw
## fills a slot ($flaw1 … $flaw6: its kind, details in _a, _b, _c); a slot
## left is `none`, the last is `more` when there are more flaws than slots.
## Slot 1 may also say why the number cannot be read at all.
problem-number-malformed = { $about ->
        [citation] số ký hiệu `{ $written }` trích dẫn trong bài chưa viết đúng thể thức
       *[number] số ký hiệu `{ $written }` chưa viết đúng thể thức theo Nghị định 30/2020/NĐ-CP
    }{ $flaw1 ->
        [no-sequence] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: phải bắt đầu bằng số của văn bản
        [not-a-sequence] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: `{ $flaw1_a }` không phải là số của văn bản
        [no-slash] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: sau số của văn bản phải là dấu `/`
        [not-a-year] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: { $flaw1_a } không phải là năm ban hành hợp lệ
        [party-shape] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: số văn bản của Đảng có dạng `số-LOẠI/CƠ-QUAN`
        [empty-code] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: có một chữ viết tắt bị trống (hai dấu phân cách liền nhau?)
        [bad-character] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: `{ $flaw1_a }` (U+{ $flaw1_b }) không được có trong `{ $flaw1_c }`
        [lone-ampersand] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: dấu `&` phải nằm giữa hai chữ viết tắt trong `{ $flaw1_a }`
        [no-capital] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: `{ $flaw1_a }` phải bắt đầu bằng chữ in hoa
        [not-capitals] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: `{ $flaw1_a }` phải viết in hoa
        [type-and-issuer-joined] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: chữ viết tắt tên loại văn bản và tên cơ quan ban hành phải nối bằng dấu `-`: `{ $flaw1_a }`
        [nothing-after-year] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`: sau năm phải có chữ viết tắt tên loại văn bản và tên cơ quan ban hành, nối bằng dấu `-`
        [so-prefix] : không ghi chữ `Số:` trước số ký hiệu
        [spaces] : số ký hiệu có dấu cách
        [eth] : `{ $flaw1_a }` (U+{ $flaw1_b }) không phải chữ `Đ` (U+0110) của tiếng Việt
        [small-eth] : `ð` (U+00F0) không phải chữ `đ` (U+0111) của tiếng Việt
        [separator] : dấu phân cách là `{ $flaw1_a }`, không phải `{ $flaw1_b }`
        [double-separator] : có hai dấu phân cách liền nhau
        [edge-separator] : có dấu phân cách ở đầu hoặc ở cuối
        [codes-joined] : chữ viết tắt tên loại văn bản và tên cơ quan ban hành phải nối bằng dấu `-`: `{ $flaw1_a }`
        [case] : `{ $flaw1_a }` phải viết là `{ $flaw1_b }`
       *[unreadable] : cần viết như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`
    }{ $flaw2 ->
        [so-prefix] ; không ghi chữ `Số:` trước số ký hiệu
        [spaces] ; số ký hiệu có dấu cách
        [eth] ; `{ $flaw2_a }` (U+{ $flaw2_b }) không phải chữ `Đ` (U+0110) của tiếng Việt
        [small-eth] ; `ð` (U+00F0) không phải chữ `đ` (U+0111) của tiếng Việt
        [separator] ; dấu phân cách là `{ $flaw2_a }`, không phải `{ $flaw2_b }`
        [double-separator] ; có hai dấu phân cách liền nhau
        [edge-separator] ; có dấu phân cách ở đầu hoặc ở cuối
        [codes-joined] ; chữ viết tắt tên loại văn bản và tên cơ quan ban hành phải nối bằng dấu `-`: `{ $flaw2_a }`
        [case] ; `{ $flaw2_a }` phải viết là `{ $flaw2_b }`
        [more] ; …
       *[none] {""}
    }{ $flaw3 ->
        [so-prefix] ; không ghi chữ `Số:` trước số ký hiệu
        [spaces] ; số ký hiệu có dấu cách
        [eth] ; `{ $flaw3_a }` (U+{ $flaw3_b }) không phải chữ `Đ` (U+0110) của tiếng Việt
        [small-eth] ; `ð` (U+00F0) không phải chữ `đ` (U+0111) của tiếng Việt
        [separator] ; dấu phân cách là `{ $flaw3_a }`, không phải `{ $flaw3_b }`
        [double-separator] ; có hai dấu phân cách liền nhau
        [edge-separator] ; có dấu phân cách ở đầu hoặc ở cuối
        [codes-joined] ; chữ viết tắt tên loại văn bản và tên cơ quan ban hành phải nối bằng dấu `-`: `{ $flaw3_a }`
        [case] ; `{ $flaw3_a }` phải viết là `{ $flaw3_b }`
        [more] ; …
       *[none] {""}
    }{ $flaw4 ->
        [so-prefix] ; không ghi chữ `Số:` trước số ký hiệu
        [spaces] ; số ký hiệu có dấu cách
        [eth] ; `{ $flaw4_a }` (U+{ $flaw4_b }) không phải chữ `Đ` (U+0110) của tiếng Việt
        [small-eth] ; `ð` (U+00F0) không phải chữ `đ` (U+0111) của tiếng Việt
        [separator] ; dấu phân cách là `{ $flaw4_a }`, không phải `{ $flaw4_b }`
        [double-separator] ; có hai dấu phân cách liền nhau
        [edge-separator] ; có dấu phân cách ở đầu hoặc ở cuối
        [codes-joined] ; chữ viết tắt tên loại văn bản và tên cơ quan ban hành phải nối bằng dấu `-`: `{ $flaw4_a }`
        [case] ; `{ $flaw4_a }` phải viết là `{ $flaw4_b }`
        [more] ; …
       *[none] {""}
    }{ $flaw5 ->
        [so-prefix] ; không ghi chữ `Số:` trước số ký hiệu
        [spaces] ; số ký hiệu có dấu cách
        [eth] ; `{ $flaw5_a }` (U+{ $flaw5_b }) không phải chữ `Đ` (U+0110) của tiếng Việt
        [small-eth] ; `ð` (U+00F0) không phải chữ `đ` (U+0111) của tiếng Việt
        [separator] ; dấu phân cách là `{ $flaw5_a }`, không phải `{ $flaw5_b }`
        [double-separator] ; có hai dấu phân cách liền nhau
        [edge-separator] ; có dấu phân cách ở đầu hoặc ở cuối
        [codes-joined] ; chữ viết tắt tên loại văn bản và tên cơ quan ban hành phải nối bằng dấu `-`: `{ $flaw5_a }`
        [case] ; `{ $flaw5_a }` phải viết là `{ $flaw5_b }`
        [more] ; …
       *[none] {""}
    }{ $flaw6 ->
        [so-prefix] ; không ghi chữ `Số:` trước số ký hiệu
        [spaces] ; số ký hiệu có dấu cách
        [eth] ; `{ $flaw6_a }` (U+{ $flaw6_b }) không phải chữ `Đ` (U+0110) của tiếng Việt
        [small-eth] ; `ð` (U+00F0) không phải chữ `đ` (U+0111) của tiếng Việt
        [separator] ; dấu phân cách là `{ $flaw6_a }`, không phải `{ $flaw6_b }`
        [double-separator] ; có hai dấu phân cách liền nhau
        [edge-separator] ; có dấu phân cách ở đầu hoặc ở cuối
        [codes-joined] ; chữ viết tắt tên loại văn bản và tên cơ quan ban hành phải nối bằng dấu `-`: `{ $flaw6_a }`
        [case] ; `{ $flaw6_a }` phải viết là `{ $flaw6_b }`
        [more] ; …
       *[none] {""}
    }{ $about ->
        [citation] ; vẫn được liên kết tới văn bản { $number }
       *[number] {""}
    }
problem-number-did-you-mean = có phải định viết `{ $meant }`?
problem-number-reads-like = số ký hiệu có dạng như `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` hoặc `39-CT/TW`
problem-citation-write-number = hãy viết `{ $number }`

## Photos, SVG covers and the site's share picture and logo (src/images/).

problem-link-to-original-photo = liên kết này trỏ tới ảnh gốc content/{ $path }, nhưng ảnh gốc không được đăng (ảnh chỉ được đăng dưới dạng các bản đã đổi kích thước, bỏ hết thông tin đi kèm như EXIF, vị trí GPS)
problem-link-to-original-photo-hint = hãy đưa ảnh vào bài bằng `![…](…)`, hoặc đặt `publish_originals: true` trong config.yaml
problem-lead-image-without-alt = thiếu `image_alt`: ảnh đầu bài cần có văn bản thay thế
problem-lead-image-without-alt-hint = thêm dòng `image_alt: "…"` mô tả nội dung ảnh cho người đọc không xem được ảnh
problem-bad-image-focus = tâm điểm khi cắt ảnh cần ghi bằng hai số phần trăm, tính từ trái sang và từ trên xuống, như "30% 40%", nhưng đang ghi `{ $value }`
## Why a picture could not be processed. $at is what it is about followed
## by ": " (`content/tin-tuc/anh.jpg: `, `` `logo`: ``), or nothing; $detail
## is the words of the image library or of the system.
problem-photo-unreadable = { $at }không đọc được ảnh: { $detail }
problem-photo-not-an-image = { $at }không phải là ảnh: nội dung tệp không phải JPEG, PNG hay WebP (có phải một tệp khác đã bị đổi tên?)
problem-photo-other-format = { $at }tệp này là ảnh { $format }; cần ảnh JPEG, PNG hoặc WebP
problem-photo-truncated = { $at }tệp ảnh bị cụt (tệp hết trước khi hết ảnh): hãy chép lại từ máy ảnh hoặc điện thoại
problem-photo-too-large = { $at }ảnh quá lớn, không xử lý được: { $pixels } điểm ảnh ({ $megapixels } megapixel); giới hạn là { $limit_mp } megapixel và { $side } điểm ảnh mỗi cạnh
problem-photo-over-memory = { $at }ảnh quá lớn, không xử lý được trong giới hạn bộ nhớ (512 MB sau khi giải nén); hãy thu nhỏ ảnh xuống tối đa 64 megapixel
problem-photo-damaged = { $at }tệp ảnh bị hỏng hoặc không phải là ảnh hợp lệ: { $detail }
problem-photo-resize-failed = { $at }không đổi được kích thước ảnh: { $detail }
problem-photo-encode-failed = { $at }không lưu được ảnh đã xử lý: { $detail }
problem-photo-pixel-type = { $at }không lưu được ảnh đã xử lý: kiểu điểm ảnh không như mong đợi
problem-photo-webp-failed = { $at }không lưu được ảnh dạng WebP: { $detail }
problem-photo-cache-unreadable = { $at }không đọc được bộ nhớ đệm ảnh { $cache }: { $detail }
problem-photo-cache-unwritable = { $at }không ghi được vào bộ nhớ đệm ảnh { $folder }: { $detail }
problem-photo-not-found = { $at }không tìm thấy ảnh: content/{ $path }
problem-photo-not-a-photo = { $at }cần ảnh JPEG, PNG hoặc WebP, nhưng đây là `{ $path }`
problem-svg-not-found = { $at }không tìm thấy ảnh
problem-svg-unreadable = { $at }không đọc được tệp SVG: { $detail }
problem-svg-cannot-draw = { $at }không vẽ được ảnh cỡ { $size }
problem-svg-wrong-size = { $at }ảnh vẽ từ tệp SVG có kích thước không như mong đợi
problem-share-not-a-picture = { $at }cần ảnh PNG, JPEG hoặc WebP (mạng xã hội không hiển thị SVG), nhưng đây là `{ $value }`
problem-share-no-file = { $at }không có tệp `{ $path }` trong thư mục static/ của giao diện hay trong content/
problem-share-unreadable = { $at }không đọc được `{ $path }`: { $detail }
problem-share-not-readable = { $at }`{ $path }` không phải là ảnh đọc được: { $detail }
