## Problems found rendering and verifying the pages: Markdown, templates, links, anchors, alt text, raw HTML (src/render, src/verify, src/check).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-missing-summary = bài viết chưa có `summary:` (tóm tắt), trang này yêu cầu phải có
problem-missing-summary-hint = thêm một dòng `summary: "…"` gồm một, hai câu tóm tắt để hiện ở trang danh sách bài
problem-missing-category = bài viết chưa có `category:` (chuyên mục), trang này yêu cầu phải có
problem-missing-category-hint = thêm một dòng `category: "…"`, chẳng hạn một chuyên mục các bài khác đang dùng
problem-lead-image-no-alt = ảnh đầu bài (`image:`) chưa có văn bản thay thế
problem-lead-image-no-alt-hint = thêm dòng `image_alt: "…"` mô tả nội dung ảnh cho người đọc không xem được ảnh
problem-duplicate-title = tiêu đề trùng với một bài viết khác cùng ngày: { $first }
problem-duplicate-title-hint = đặt cho hai bài những tiêu đề khác nhau, hoặc xóa bài bị trùng

## Links, images and anchors of the rendered pages (verify). A problem the
## theme's templates make is told once, with on how many pages (-by-theme).

problem-image-no-alt = ảnh `{ $url }` chưa có văn bản thay thế
problem-image-no-alt-by-theme = ảnh `{ $url }` chưa có văn bản thay thế (do mẫu trang của giao diện tạo ra, gặp ở { $count } trang)
problem-hint-describe-image = mô tả nội dung ảnh trong cặp ngoặc vuông: ![Lãnh đạo phát biểu tại hội nghị](anh.jpg)
problem-unsafe-scheme = { $kind ->
    [image] ảnh
   *[other] liên kết
} dạng `{ $scheme }:` không được phép: `{ $url }`
problem-unsafe-scheme-by-theme = { $kind ->
    [image] ảnh
   *[other] liên kết
} dạng `{ $scheme }:` không được phép: `{ $url }` (do mẫu trang của giao diện tạo ra, gặp ở { $count } trang)
problem-hint-link-to-site = hãy liên kết tới một trang hay một tệp của trang tin, hoặc tới một địa chỉ https://
problem-leads-nowhere = { $kind ->
    [image] ảnh
   *[other] liên kết
} không dẫn tới đâu: `{ $url }` (không có trang hay tệp /{ $target })
problem-leads-nowhere-by-theme = { $kind ->
    [image] ảnh
   *[other] liên kết
} không dẫn tới đâu: `{ $url }` (không có trang hay tệp /{ $target }) (do mẫu trang của giao diện tạo ra, gặp ở { $count } trang)
problem-hint-link-to-md-file = hãy liên kết tới tệp .md, viết đường dẫn tính từ tệp này (ví dụ `../thong-bao/lich.md`), hoặc tới một trang đã có
problem-anchor-not-found = không tìm thấy neo `#{ $anchor }` trên { $on ->
    [here] trang này
   *[other] trang { $page }
}
problem-anchor-not-found-by-theme = không tìm thấy neo `#{ $anchor }` trên { $on ->
    [here] trang này
   *[other] trang { $page }
} (do mẫu trang của giao diện tạo ra, gặp ở { $count } trang)
problem-anchor-not-found-did-you-mean = không tìm thấy neo `#{ $anchor }` trên { $on ->
    [here] trang này
   *[other] trang { $page }
}; có phải là `#{ $closest }` không?
problem-anchor-not-found-did-you-mean-by-theme = không tìm thấy neo `#{ $anchor }` trên { $on ->
    [here] trang này
   *[other] trang { $page }
}; có phải là `#{ $closest }` không? (do mẫu trang của giao diện tạo ra, gặp ở { $count } trang)
problem-hint-anchor-is-heading-id = neo là mã (id) của một đề mục: đề mục `## Thời gian` có mã `thoi-gian`
problem-link-cache-not-saved = không lưu được bộ nhớ đệm của các liên kết đã kiểm tra: { $detail }
problem-external-link-status = liên kết ra trang ngoài trả về mã { $status }: { $url }
problem-external-link-timeout = liên kết ra trang ngoài không phản hồi trong thời gian chờ: { $url }
problem-external-link-failed = không mở được liên kết ra trang ngoài ({ $detail }): { $url }
problem-hint-open-in-browser = mở địa chỉ này bằng trình duyệt; nếu trang không còn, hãy sửa hoặc bỏ liên kết

## Rendering: Markdown links and raw HTML, templates, output paths (render).

problem-link-target-not-found = không tìm thấy đích của { $kind ->
    [image] ảnh
   *[other] liên kết
}: `{ $url }` (đã tìm content/{ $path })
problem-link-target-not-found-hint = viết đường dẫn tính từ tệp .md này, ví dụ `cv-1141.pdf` hoặc `../tin-tuc/bai-viet.md`
problem-link-to-unpublished = { $kind ->
    [image] ảnh
   *[other] liên kết
} trỏ tới một bài viết không được đăng trong lần dựng này: `{ $url }` (content/{ $path } { $why ->
    [draft] là bản nháp, `draft: true`
    [future] đặt ngày đăng { $date }, chưa đến ngày đó
   *[other] không được đưa vào
})
problem-link-to-unpublished-hint = hãy đăng bài đó trước (hoặc chờ bài được đăng rồi mới liên kết); `bantin build --drafts --future` sẽ đưa cả bài đó vào
problem-unsafe-url = liên kết không an toàn: không cho phép địa chỉ dạng `{ $scheme }:` trong liên kết hay ảnh: `{ $url }`
problem-unsafe-url-hint = hãy liên kết tới một trang hay một tệp của trang tin, hoặc tới một địa chỉ https:// (riêng ảnh được dùng dạng data:image/png, jpeg, gif hoặc webp)
problem-unsafe-html-element = đã gỡ bỏ HTML không an toàn: thẻ `<{ $element }>` { $how ->
    [with-content] cùng toàn bộ nội dung bên trong
    [no-src] vì không có `src`
    [host] lấy từ `{ $host }`, không có trong danh sách `embed_hosts:` của config.yaml (chỉ giữ nội dung nhúng https:// từ các máy chủ có trong danh sách)
   *[text-kept] (vẫn giữ phần chữ bên trong)
}
problem-unsafe-html-attribute = đã gỡ bỏ HTML không an toàn: thuộc tính `{ $attribute }` của thẻ `<{ $element }>` (có thể chạy mã lệnh hoặc thay đổi cách trình bày trang)
problem-unsafe-html-attributes-dropped = đã gỡ bỏ HTML không an toàn: { $n } thuộc tính không có trong danh sách cho phép ({ $names }; đầu tiên là `{ $attribute }` của thẻ `<{ $element }>`)
problem-hint-raw-html-sanitized = mã HTML viết thẳng trong bài được lọc cho an toàn (docs/check.md liệt kê những gì được giữ lại); hãy viết bằng Markdown, hoặc đặt `unsafe_html: true` trong config.yaml nếu mọi người viết bài của trang tin đều đáng tin cậy
problem-template-not-found = giao diện không có mẫu trang `{ $template }`
problem-template-error = lỗi trong mẫu trang: { $detail }
problem-template-error-rendering = lỗi trong mẫu trang: { $detail } (khi dựng { $page })
problem-hint-template-cycle = một mẫu trang không thể chèn (include) hay kế thừa (extend) chính nó, dù trực tiếp hay qua các mẫu khác
problem-hint-component-calls-itself = thành phần `{ $component }` tự gọi lại chính nó: hãy bảo đảm vòng gọi lặp có điểm dừng
problem-file-would-replace-page = tệp này sẽ đè lên trang của bài { $article } (/{ $output })
problem-file-would-replace-page-hint = đổi tên tệp hoặc chuyển tệp sang thư mục khác
problem-file-would-replace-generated = tệp này sẽ đè lên một tệp do bantin tạo ra khi dựng trang tin (/{ $output })
problem-file-would-replace-generated-hint = đổi tên tệp hoặc chuyển tệp sang thư mục khác
